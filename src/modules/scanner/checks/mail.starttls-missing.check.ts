import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition, Finding } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'mail.starttls-missing',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Serveur de messagerie sans chiffrement STARTTLS',
    en: 'Mail server without STARTTLS encryption',
  },
  description: {
    fr: 'Le serveur SMTP ne propose pas STARTTLS : tout courriel échangé avec lui (courriers de sortie, résultats, échanges avec les médecins de ville et les patients) circule en clair sur Internet et peut être lu ou modifié par quiconque se trouve sur le chemin réseau. Les messageries qui exigent le chiffrement refusent aussi de lui remettre le courrier.',
    en: 'The SMTP server does not offer STARTTLS: every message exchanged with it (discharge letters, results, exchanges with GPs and patients) crosses the Internet in cleartext and can be read or altered by anyone on the network path. Mail systems that require encryption will also refuse to deliver to it.',
  },
  recommendation: {
    fr: 'Activer STARTTLS avec un certificat valide pour le nom du MX (Postfix : smtpd_tls_security_level = may, smtpd_tls_cert_file / smtpd_tls_key_file, protocoles TLS 1.2 et 1.3 ; Exchange : certificat affecté au service SMTP), puis envisager MTA-STS. Vérification : « openssl s_client -starttls smtp -connect <mx>:25 » établit une session TLS, et la réponse à EHLO annonce STARTTLS.',
    en: 'Turn on STARTTLS with a certificate valid for the MX name (Postfix: smtpd_tls_security_level = may, smtpd_tls_cert_file / smtpd_tls_key_file, TLS 1.2 and 1.3; Exchange: certificate assigned to the SMTP service), then consider MTA-STS. Verify: "openssl s_client -starttls smtp -connect <mx>:25" sets up a TLS session, and the EHLO answer lists STARTTLS.',
  },
  references: [REF.rfc3207, REF.rfc8461, REF.anssiTls],
};

/** `mail.starttls-missing`: an SMTP service (or a domain's MX probed by assess) whose EHLO lists no STARTTLS. */
export const mailStarttlsMissingCheck: Check = {
  definition,
  evaluate(input) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const view of servicesOf(input, 'smtp')) {
      const refused = (view.service.notes ?? []).some((n) => n.includes('EHLO refused'));
      if (detailFlag(view.service, 'starttls') !== false || refused) continue;
      seen.add(`${view.host.address}|${view.service.port}`);
      findings.push(
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `EHLO answer of ${view.host.address}:${view.service.port} lists no STARTTLS`,
        }),
      );
    }
    for (const m of input.mail) {
      for (const mx of m.mx) {
        const address = mx.addresses[0];
        if (mx.starttls !== false || address === undefined || seen.has(`${address}|25`)) continue;
        seen.add(`${address}|25`);
        findings.push(
          buildFinding(definition, {
            target: { address, port: 25, hostname: mx.exchange },
            evidence: `MX ${mx.exchange} of ${m.domain} (${address}:25): EHLO lists no STARTTLS`,
          }),
        );
      }
    }
    return findings;
  },
};
