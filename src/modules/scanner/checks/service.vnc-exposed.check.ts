import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailFlag, detailList, detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.vnc-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Prise de main à distance VNC accessible depuis Internet',
    en: 'VNC remote control reachable from the Internet',
  },
  description: {
    fr: "Un serveur VNC (prise de main à distance d'un écran) répond sur Internet. VNC protège mal les accès (mots de passe de 8 caractères, souvent aucun) et se trouve fréquemment sur des postes de pilotage, consoles de dispositifs médicaux ou de gestion technique du bâtiment : sans authentification, n'importe qui voit l'écran et prend le contrôle du clavier et de la souris.",
    en: 'A VNC server (remote control of a screen) answers on the Internet. VNC protects access poorly (8-character passwords, often none) and frequently runs on control workstations, medical-device consoles or building-management systems: without authentication, anyone sees the screen and takes over keyboard and mouse.',
  },
  recommendation: {
    fr: "Retirer VNC de l'exposition Internet (filtrage des ports 5900-5910), n'y accéder qu'à travers un VPN ou un bastion, exiger une authentification forte (et chiffrement), et remplacer les outils de prise de main par une solution d'accès distant encadrée. Vérification : depuis l'extérieur, le port VNC est filtré ; en interne, le serveur refuse la sécurité « None ».",
    en: 'Take VNC off the Internet (filter ports 5900-5910), reach it only through a VPN or bastion, require strong authentication (and encryption), and replace ad-hoc remote-control tools with a managed remote-access solution. Verify: from outside, the VNC port is filtered; internally, the server refuses the "None" security type.',
  },
  references: [REF.rfc6143, REF.anssiAdmin, REF.anssiInterconnexion],
};

/** `service.vnc-exposed`: a VNC server answered; critical when it offers security type None. */
export const serviceVncExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['vnc'], {
      describe: (v) => {
        const types = detailList(v.service, 'securityTypes');
        const version = detailText(v.service, 'rfbVersion');
        const none = detailFlag(v.service, 'noAuth') === true;
        return [
          version ? `RFB ${version.replace(/^RFB\s*/, '').trim()}` : '',
          types.length > 0 ? `security types ${types.join(', ')}` : '',
          none ? 'NO AUTHENTICATION (security type None)' : '',
        ]
          .filter(Boolean)
          .join('; ');
      },
      severity: (v) => (detailFlag(v.service, 'noAuth') === true ? 'critical' : undefined),
    });
  },
};
