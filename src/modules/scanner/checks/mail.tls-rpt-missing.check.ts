import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { mailDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.tls-rpt-missing',
  category: 'misconfiguration',
  severity: 'info',
  title: {
    fr: 'Pas de rapports TLS-RPT sur la messagerie entrante',
    en: 'No TLS-RPT reporting for incoming mail',
  },
  description: {
    fr: "Le domaine ne publie pas d'enregistrement TLS-RPT (« _smtp._tls ») : les serveurs expéditeurs qui n'arrivent pas à établir une connexion chiffrée vers les MX de l'hôpital (certificat expiré, STARTTLS supprimé par un attaquant, politique MTA-STS non respectée) n'ont aucun moyen de le signaler. Les pannes et attaques sur le chiffrement de la messagerie passent inaperçues.",
    en: 'The domain publishes no TLS-RPT record ("_smtp._tls"): sending servers that fail to set up an encrypted connection to the hospital\'s MX (expired certificate, STARTTLS stripped by an attacker, MTA-STS policy not met) have no way to report it. Failures and attacks on mail encryption go unnoticed.',
  },
  recommendation: {
    fr: 'Publier « _smtp._tls.<domaine> TXT "v=TLSRPTv1; rua=mailto:tlsrpt@<domaine>" » vers une boîte lue (ou un service d\'analyse) et consulter les rapports quotidiens. Vérification : « dig TXT _smtp._tls.<domaine> » renvoie l\'enregistrement, et les premiers rapports arrivent sous 48 heures.',
    en: 'Publish "_smtp._tls.<domain> TXT \\"v=TLSRPTv1; rua=mailto:tlsrpt@<domain>\\"" to a mailbox someone reads (or an analysis service) and review the daily reports. Verify: "dig TXT _smtp._tls.<domain>" returns the record, and the first reports arrive within 48 hours.',
  },
  references: [REF.rfc8460],
};

/** `mail.tls-rpt-missing` (added): a mail domain without `v=TLSRPTv1` record. */
export const mailTlsRptMissingCheck: Check = {
  definition,
  evaluate(input) {
    return mailDomains(input).flatMap((m) =>
      m.tlsRpt && m.tlsRpt.records.length === 0
        ? [
            buildFinding(definition, {
              target: { domain: m.domain },
              evidence: `no v=TLSRPTv1 TXT record at _smtp._tls.${m.domain}`,
            }),
          ]
        : [],
    );
  },
};
