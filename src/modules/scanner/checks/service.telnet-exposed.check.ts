import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailFlag, detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.telnet-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Service Telnet accessible depuis Internet',
    en: 'Telnet service reachable from the Internet',
  },
  description: {
    fr: "Un service Telnet répond sur Internet. Telnet transmet tout en clair, y compris les identifiants d'administration, et se trouve surtout sur des équipements anciens (automates, équipements réseau, dispositifs techniques du bâtiment) rarement mis à jour, avec souvent des mots de passe par défaut ; c'est une cible de choix des robots qui recrutent des réseaux de machines compromises.",
    en: 'A Telnet service answers on the Internet. Telnet sends everything in cleartext, administration credentials included, and mostly runs on old devices (controllers, network gear, building technical equipment) that are rarely updated and often keep default passwords; it is a prime target of bots recruiting botnets.',
  },
  recommendation: {
    fr: "Désactiver Telnet et administrer l'équipement en SSH depuis un réseau d'administration ; si l'équipement ne sait faire que Telnet, le rendre inaccessible depuis Internet (filtrage du port 23, accès via bastion) et prévoir son remplacement. Vérification : depuis l'extérieur, le port 23 est filtré ou fermé.",
    en: 'Disable Telnet and administer the device over SSH from an administration network; if the device only speaks Telnet, make it unreachable from the Internet (filter port 23, access through a bastion) and plan its replacement. Verify: from outside, port 23 is filtered or closed.',
  },
  references: [REF.anssiAdmin, REF.anssiInterconnexion],
};

/** `service.telnet-exposed`: a Telnet service answered. */
export const serviceTelnetExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['telnet'], {
      describe: (v) => {
        const text = detailText(v.service, 'text');
        const lastLine = text
          ?.split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(-2)
          .join(' / ');
        return detailFlag(v.service, 'loginPrompt') === true
          ? `login prompt${lastLine ? ` "${lastLine.slice(0, 80)}"` : ''}`
          : '';
      },
    });
  },
};
