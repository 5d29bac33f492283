import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';
import { VPN_SIGNATURES, matchSignature } from './web-product.js';

const definition: CheckDefinition = {
  id: 'vpn.portal-exposed',
  category: 'exposed-service',
  severity: 'info',
  title: {
    fr: 'Portail VPN identifié',
    en: 'VPN portal identified',
  },
  description: {
    fr: "Un portail d'accès distant (VPN SSL ou passerelle) a été identifié. Il est normal qu'il soit exposé, mais ces équipements (Fortinet, Citrix, Ivanti, Palo Alto, SonicWall, Cisco…) font l'objet de vulnérabilités critiques exploitées massivement, souvent avant même la publication des correctifs ; ils sont la première cible des attaques contre les hôpitaux. Ce constat sert à rapprocher le portail des alertes de sécurité de son éditeur.",
    en: "A remote-access portal (SSL VPN or gateway) was identified. Exposure is expected, but these appliances (Fortinet, Citrix, Ivanti, Palo Alto, SonicWall, Cisco…) get critical vulnerabilities exploited at scale, often before patches exist; they are the first target of attacks on hospitals. This finding ties the portal to its vendor's security advisories.",
  },
  recommendation: {
    fr: "Inscrire l'équipement et sa version exacte à l'inventaire, s'abonner aux avis de l'éditeur et du CERT-FR / CERT Santé, appliquer les correctifs en urgence, exiger l'authentification multifacteur, désactiver les fonctions inutilisées (portail web si seul le client lourd sert) et surveiller les journaux de connexion. Vérification : la version installée figure parmi les versions corrigées des derniers avis.",
    en: "Put the appliance and its exact version in the inventory, subscribe to the vendor's and CERT-FR / CERT Santé advisories, patch urgently, require multi-factor authentication, disable unused features (web portal when only the full client is used) and watch the login logs. Verify: the installed version is among the fixed versions of the latest advisories.",
  },
  references: [REF.anssiNomadisme, REF.certFrVpn, REF.certSante, REF.cisaKev],
};

/** `vpn.portal-exposed`: a web service whose product, technologies or page markers name a VPN gateway. */
export const vpnPortalExposedCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input).flatMap((v) => {
      if (v.http.status >= 300 && v.http.status < 400) return [];
      const hit = matchSignature(v, VPN_SIGNATURES);
      if (!hit) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(v, v.http.url),
          discriminator: hit.product,
          evidence: `${hit.product} at ${v.http.url} (${hit.marker})`,
        }),
      ];
    });
  },
};
