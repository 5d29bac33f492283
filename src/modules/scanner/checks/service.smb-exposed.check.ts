import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.smb-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Partage de fichiers Windows (SMB) accessible depuis Internet',
    en: 'Windows file sharing (SMB) reachable from the Internet',
  },
  description: {
    fr: "Le service de partage de fichiers SMB (ports 445/139) répond sur Internet. SMB n'est pas conçu pour être exposé : il a porté les vers WannaCry et NotPetya qui ont paralysé des hôpitaux, permet de deviner des mots de passe de comptes du domaine et de relayer des authentifications, et donne accès aux dossiers partagés de l'établissement.",
    en: "The SMB file-sharing service (ports 445/139) answers on the Internet. SMB is not designed to be exposed: it carried the WannaCry and NotPetya worms that paralysed hospitals, lets attackers guess domain account passwords and relay authentications, and gives access to the organisation's shared folders.",
  },
  recommendation: {
    fr: "Bloquer les ports 445 et 139 (ainsi que 137/138) en entrée sur le pare-feu périmétrique ; pour un accès distant aux fichiers, passer par un VPN ou une solution de partage web authentifiée. Vérification : depuis l'extérieur, « nmap -Pn -p 139,445 <adresse> » indique des ports filtrés.",
    en: 'Block ports 445 and 139 (and 137/138) inbound at the perimeter firewall; for remote file access, go through a VPN or an authenticated web sharing service. Verify: from outside, "nmap -Pn -p 139,445 <address>" reports filtered ports.',
  },
  references: [REF.msSmbSecure, REF.anssiInterconnexion, REF.anssiRansomware],
};

/** `service.smb-exposed`: an SMB service answered. */
export const serviceSmbExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['smb'], {
      describe: (v) => {
        const dialect = detailText(v.service, 'dialect');
        return dialect ? `dialect ${dialect}` : '';
      },
    });
  },
};
