import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'tls.cert-expired',
  category: 'misconfiguration',
  severity: 'high',
  title: {
    fr: 'Certificat TLS expiré',
    en: 'Expired TLS certificate',
  },
  description: {
    fr: "Le certificat présenté par le service a dépassé sa date de fin de validité. Les navigateurs et clients affichent une alerte : les utilisateurs (patients, professionnels) apprennent à l'ignorer, ce qui ouvre la voie à une vraie attaque par interception ; les applications et dispositifs qui vérifient le certificat cessent simplement de fonctionner.",
    en: 'The certificate presented by the service is past its end of validity. Browsers and clients show a warning: users (patients, professionals) learn to click through it, which opens the way to a real interception attack; applications and devices that check the certificate simply stop working.',
  },
  recommendation: {
    fr: "Renouveler le certificat auprès de l'autorité de certification (ou via ACME), l'installer avec sa chaîne complète, redémarrer ou recharger le service, et mettre en place une supervision des dates d'expiration (alerte à 30 jours) ou un renouvellement automatique. Vérification : « openssl s_client -connect <hôte>:<port> -servername <nom> | openssl x509 -noout -enddate » affiche une date future.",
    en: 'Renew the certificate with the certificate authority (or through ACME), install it with its full chain, restart or reload the service, and monitor expiry dates (alert 30 days ahead) or automate renewal. Verify: "openssl s_client -connect <host>:<port> -servername <name> | openssl x509 -noout -enddate" shows a future date.',
  },
  references: [REF.rfc5280, REF.anssiTls],
};

/** `tls.cert-expired`: notAfter is before the scan's time. */
export const tlsCertExpiredCheck: Check = {
  definition,
  evaluate(input, context) {
    return serviceViews(input).flatMap((view) => {
      const c = view.service.certificate;
      const end = c ? Date.parse(c.notAfter) : Number.NaN;
      if (!c || Number.isNaN(end) || end >= context.now.getTime()) return [];
      const days = Math.floor((context.now.getTime() - end) / 86_400_000);
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `${c.subject}: notAfter ${c.notAfter} (${days} days before the scan); issuer ${c.issuer}`,
        }),
      ];
    });
  },
};
