import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailText } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.ssh-exposed',
  category: 'exposed-service',
  severity: 'info',
  title: {
    fr: 'Service SSH accessible depuis Internet',
    en: 'SSH service reachable from the Internet',
  },
  description: {
    fr: "Un serveur SSH répond sur Internet, avec la version indiquée. SSH est un protocole sûr lorsqu'il est bien configuré, mais il subit en permanence des tentatives de mots de passe automatisées et toute vulnérabilité du serveur (comme regreSSHion en 2024) y devient exploitable à distance. À inscrire à l'inventaire et à surveiller.",
    en: 'An SSH server answers on the Internet, with the version shown. SSH is a safe protocol when well configured, but it faces constant automated password attempts and any server vulnerability (such as regreSSHion in 2024) becomes remotely exploitable. To be kept in the inventory and watched.',
  },
  recommendation: {
    fr: "Réserver SSH aux administrateurs : authentification par clé uniquement (PasswordAuthentication no), pas de connexion root, filtrage des adresses sources ou accès via VPN/bastion, journalisation et mises à jour régulières, conformément au guide ANSSI. Vérification : « ssh -o PreferredAuthentications=password <hôte> » est refusé et le port n'est ouvert qu'aux adresses prévues.",
    en: 'Keep SSH for administrators: key-only authentication (PasswordAuthentication no), no root login, source-address filtering or access through VPN/bastion, logging and regular updates, as the ANSSI guide recommends. Verify: "ssh -o PreferredAuthentications=password <host>" is refused and the port is open only to the intended addresses.',
  },
  references: [REF.anssiSsh, REF.rfc4253],
};

/** `service.ssh-exposed`: an SSH server answered (info, with its software version). */
export const serviceSshExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, ['ssh'], {
      describe: (v) => {
        const software = detailText(v.service, 'software');
        const comment = detailText(v.service, 'comment');
        return software
          ? `banner SSH-${detailText(v.service, 'protocolVersion') ?? '2.0'}-${software}${comment ? ` ${comment}` : ''}`
          : '';
      },
    });
  },
};
