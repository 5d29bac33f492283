import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

/** How far ahead an expiry is reported. */
export const EXPIRY_WARNING_DAYS = 30;

const definition: CheckDefinition = {
  id: 'tls.cert-expiring',
  category: 'misconfiguration',
  severity: 'low',
  title: {
    fr: 'Certificat TLS expirant dans moins de 30 jours',
    en: 'TLS certificate expiring within 30 days',
  },
  description: {
    fr: "Le certificat du service expire dans moins de 30 jours. Sans renouvellement, le service (portail patient, messagerie web, accès distant) affichera des alertes de sécurité ou deviendra inaccessible pour les clients qui vérifient les certificats, au risque d'interrompre des usages de soins.",
    en: "The service's certificate expires within 30 days. Without renewal, the service (patient portal, webmail, remote access) will show security warnings or become unreachable for clients that check certificates, possibly interrupting care workflows.",
  },
  recommendation: {
    fr: "Renouveler le certificat dès maintenant et l'installer avec sa chaîne complète ; automatiser le renouvellement (ACME) ou inscrire l'échéance dans la supervision. Vérification : la date de fin (« openssl x509 -noout -enddate ») est à plus de 30 jours.",
    en: 'Renew the certificate now and install it with its full chain; automate renewal (ACME) or put the deadline in monitoring. Verify: the end date ("openssl x509 -noout -enddate") is more than 30 days away.',
  },
  references: [REF.rfc5280, REF.anssiTls],
};

/** `tls.cert-expiring`: notAfter within 30 days after the scan's time (not yet expired). */
export const tlsCertExpiringCheck: Check = {
  definition,
  evaluate(input, context) {
    const now = context.now.getTime();
    return serviceViews(input).flatMap((view) => {
      const c = view.service.certificate;
      const end = c ? Date.parse(c.notAfter) : Number.NaN;
      if (!c || Number.isNaN(end) || end < now || end - now > EXPIRY_WARNING_DAYS * 86_400_000) return [];
      const days = Math.floor((end - now) / 86_400_000);
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `${c.subject}: notAfter ${c.notAfter} (${days} days after the scan)`,
        }),
      ];
    });
  },
};
