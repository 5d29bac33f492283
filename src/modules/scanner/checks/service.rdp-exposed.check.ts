import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailList } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.rdp-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Bureau à distance (RDP) accessible depuis Internet',
    en: 'Remote Desktop (RDP) reachable from the Internet',
  },
  description: {
    fr: "Un service de bureau à distance Windows (RDP) répond directement sur Internet. C'est la première porte d'entrée des rançongiciels dans les établissements de santé : attaques massives par mots de passe, réutilisation d'identifiants volés et vulnérabilités du protocole (BlueKeep, DejaBlue) permettent de prendre la main sur un serveur puis sur tout le réseau.",
    en: 'A Windows Remote Desktop service (RDP) answers directly on the Internet. It is the main way ransomware gets into healthcare organisations: mass password attacks, reuse of stolen credentials and protocol vulnerabilities (BlueKeep, DejaBlue) give control of a server, then of the whole network.',
  },
  recommendation: {
    fr: "Retirer RDP de l'exposition Internet : n'y accéder qu'à travers un VPN avec authentification multifacteur ou une passerelle RD Gateway protégée par MFA, filtrer le port 3389 sur le pare-feu, imposer NLA et tenir les serveurs à jour. Vérification : depuis l'extérieur, « nmap -Pn -p 3389 <adresse> » indique le port filtré ou fermé.",
    en: 'Take RDP off the Internet: reach it only through a VPN with multi-factor authentication or an RD Gateway protected by MFA, filter port 3389 at the firewall, require NLA and keep servers patched. Verify: from outside, "nmap -Pn -p 3389 <address>" reports the port filtered or closed.',
  },
  references: [REF.anssiRansomware, REF.anssiAdmin, REF.msNla],
};

/** `service.rdp-exposed`: an RDP service answered. */
export const serviceRdpExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['rdp'], {
      describe: (v) => {
        const offered = detailList(v.service, 'protocolsOffered');
        return offered.length > 0 ? `security protocols offered: ${offered.join(', ')}` : '';
      },
    });
  },
};
