import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { judgeIssuer } from '../findings/trust-store.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'tls.cert-self-signed',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Certificat auto-signé ou non émis par une autorité de confiance',
    en: 'Certificate self-signed or not issued by a trusted authority',
  },
  description: {
    fr: "Le certificat du service est auto-signé ou émis par une autorité que les clients ne reconnaissent pas. Les utilisateurs reçoivent une alerte à chaque connexion et finissent par l'accepter machinalement : un attaquant qui présente son propre certificat n'est alors plus détecté, et les identifiants saisis sur le service (VPN, messagerie, applications métier) peuvent être interceptés.",
    en: "The service's certificate is self-signed or issued by an authority clients do not recognise. Users get a warning at every connection and end up accepting it mechanically: an attacker presenting their own certificate is then no longer noticed, and credentials typed into the service (VPN, webmail, clinical applications) can be intercepted.",
  },
  recommendation: {
    fr: "Installer un certificat émis par une autorité publique reconnue (ou, pour un usage strictement interne, par l'IGC de l'établissement dont le certificat racine est déployé sur tous les postes), avec sa chaîne complète et le bon nom. Vérification : « openssl s_client -connect <hôte>:<port> -servername <nom> -verify_return_error » aboutit sans erreur de vérification.",
    en: 'Install a certificate issued by a recognised public authority (or, for strictly internal use, by the organisation\'s PKI whose root is deployed on every workstation), with its full chain and the right name. Verify: "openssl s_client -connect <host>:<port> -servername <name> -verify_return_error" completes without a verification error.',
  },
  references: [REF.rfc5280, REF.anssiTls],
};

/** `tls.cert-self-signed`: the certificate is self-signed, or its issuer is not trusted (trust store configurable). */
export const tlsCertSelfSignedCheck: Check = {
  definition,
  evaluate(input, context) {
    return serviceViews(input).flatMap((view) => {
      const c = view.service.certificate;
      if (!c) return [];
      const verdict = judgeIssuer(c, context.trustStore);
      if (verdict !== 'self-signed' && verdict !== 'untrusted') return [];
      const evidence =
        verdict === 'self-signed'
          ? `self-signed certificate: subject ${c.subject}`
          : `subject ${c.subject} issued by ${c.issuer}, not a trusted authority${c.trustError ? ` (${c.trustError})` : ''}`;
      return [buildFinding(definition, { target: serviceTarget(view), evidence })];
    });
  },
};
