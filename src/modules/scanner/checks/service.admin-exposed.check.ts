import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { redirectsToHttps } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';
import { ADMIN_CATEGORIES, ADMIN_SIGNATURES, VPN_SIGNATURES, matchSignature } from './web-product.js';

const definition: CheckDefinition = {
  id: 'service.admin-exposed',
  category: 'exposed-service',
  severity: 'medium',
  title: {
    fr: "Interface d'administration accessible depuis Internet",
    en: 'Management interface reachable from the Internet',
  },
  description: {
    fr: "L'interface web d'administration d'un équipement ou d'un logiciel (hyperviseur, carte de gestion de serveur, imprimante, stockage, pare-feu, console de supervision…) est accessible depuis Internet. Ces interfaces donnent un contrôle total de l'équipement, ont souvent des identifiants par défaut et des vulnérabilités critiques régulières : leur exposition permet de prendre le contrôle d'une partie du système d'information sans passer par le poste d'un utilisateur.",
    en: "The web management interface of a device or software (hypervisor, server management card, printer, storage, firewall, monitoring console…) is reachable from the Internet. These interfaces give full control of the device, often keep default credentials and get critical vulnerabilities regularly: exposing them lets attackers take over part of the information system without going through a user's workstation.",
  },
  recommendation: {
    fr: "Rendre l'interface inaccessible depuis Internet : la placer sur un réseau d'administration dédié, accessible par VPN ou bastion avec authentification multifacteur, changer les identifiants par défaut et appliquer les mises à jour de l'équipement. Vérification : depuis l'extérieur, l'URL de l'interface ne répond plus.",
    en: "Make the interface unreachable from the Internet: put it on a dedicated administration network, reachable through a VPN or bastion with multi-factor authentication, change default credentials and apply the device's updates. Verify: from outside, the interface URL no longer answers.",
  },
  references: [REF.anssiAdmin, REF.anssiInterconnexion],
};

/** `service.admin-exposed`: a web service recognised as a management interface (and not a VPN portal). */
export const serviceAdminExposedCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input).flatMap((v) => {
      if (v.http.status >= 300 && v.http.status < 400 && redirectsToHttps(v.service)) return [];
      if (matchSignature(v, VPN_SIGNATURES)) return [];
      let hit = matchSignature(v, ADMIN_SIGNATURES);
      if (!hit) {
        const tech = (v.service.technologies ?? []).find((t) =>
          (t.categories ?? []).some((c) => ADMIN_CATEGORIES.has(c)),
        );
        if (tech)
          hit = { product: tech.name, marker: `technology category ${(tech.categories ?? []).join(', ')}` };
      }
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
