import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { productLabel, serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'tls.protocol-legacy',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Versions obsolètes de SSL/TLS acceptées',
    en: 'Obsolete SSL/TLS versions accepted',
  },
  description: {
    fr: "Le service accepte encore SSLv3, TLS 1.0 ou TLS 1.1, abandonnés depuis des années (RFC 7568, RFC 8996) et exposés à des attaques connues (POODLE, BEAST, affaiblissement de la négociation). Un attaquant en position d'interception peut forcer ces versions pour déchiffrer ou altérer les échanges : identifiants de professionnels de santé, données de patients, sessions d'administration.",
    en: "The service still accepts SSLv3, TLS 1.0 or TLS 1.1, abandoned years ago (RFC 7568, RFC 8996) and exposed to known attacks (POODLE, BEAST, downgrade). An attacker able to intercept can force these versions to decrypt or alter exchanges: health professionals' credentials, patient data, administration sessions.",
  },
  recommendation: {
    fr: "N'autoriser que TLS 1.2 et TLS 1.3 (nginx : ssl_protocols TLSv1.2 TLSv1.3 ; Apache : SSLProtocol -all +TLSv1.2 +TLSv1.3 ; Windows/IIS : désactiver SSL 3.0, TLS 1.0 et 1.1 dans SCHANNEL ; équipements : profil TLS moderne), après avoir vérifié que les postes et dispositifs médicaux clients supportent TLS 1.2. Vérification : « openssl s_client -tls1_1 -connect <hôte>:<port> » échoue, ou testssl.sh ne signale plus que TLS 1.2 et 1.3.",
    en: 'Allow only TLS 1.2 and TLS 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3; Windows/IIS: disable SSL 3.0, TLS 1.0 and 1.1 in SCHANNEL; appliances: a modern TLS profile), after checking that client workstations and medical devices support TLS 1.2. Verify: "openssl s_client -tls1_1 -connect <host>:<port>" fails, or testssl.sh reports only TLS 1.2 and 1.3.',
  },
  references: [REF.rfc8996, REF.rfc7568, REF.anssiTls, REF.rfc9325],
};

const LEGACY = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** `tls.protocol-legacy`: SSLv3, TLS 1.0 or TLS 1.1 completed a handshake. */
export const tlsProtocolLegacyCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) => {
      const legacy = (view.service.tlsVersions ?? []).filter((v) => LEGACY.has(v));
      if (legacy.length === 0) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `${productLabel(view.service)} on ${view.host.address}:${view.service.port} accepts ${legacy.join(', ')} (all accepted: ${(view.service.tlsVersions ?? []).join(', ')})`,
        }),
      ];
    });
  },
};
