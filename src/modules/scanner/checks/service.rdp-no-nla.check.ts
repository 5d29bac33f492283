import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, detailList, detailText, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.rdp-no-nla',
  category: 'weak-authentication',
  severity: 'high',
  title: {
    fr: 'Bureau à distance sans authentification au niveau du réseau (NLA)',
    en: 'Remote Desktop without Network Level Authentication (NLA)',
  },
  description: {
    fr: "Le serveur RDP ouvre une session graphique avant toute authentification (NLA non exigée, voire sécurité RDP « standard » à base de RC4 acceptée). N'importe qui obtient l'écran de connexion du serveur, peut y tenter des mots de passe sans limite et atteint le code vulnérable du service sans identifiants (famille BlueKeep) ; l'écran révèle aussi le nom du serveur et du domaine.",
    en: 'The RDP server opens a graphical session before any authentication (NLA not required, even legacy RC4-based "standard" RDP security accepted). Anyone gets the server\'s logon screen, can try passwords without limit and reaches the vulnerable service code without credentials (BlueKeep family); the screen also reveals server and domain names.',
  },
  recommendation: {
    fr: "Exiger NLA (stratégie « Exiger l'authentification des utilisateurs pour les connexions à distance à l'aide de l'authentification au niveau du réseau », ou UserAuthentication=1), imposer la couche de sécurité TLS (SecurityLayer=2), et ne pas exposer RDP sur Internet. Pour xrdp : security_layer=tls ou negotiate avec CredSSP. Vérification : une connexion avec un client n'offrant que TLS sans CredSSP est refusée (HYBRID_REQUIRED_BY_SERVER).",
    en: 'Require NLA (policy "Require user authentication for remote connections by using Network Level Authentication", or UserAuthentication=1), enforce the TLS security layer (SecurityLayer=2), and do not expose RDP on the Internet. For xrdp: security_layer=tls or negotiate with CredSSP. Verify: a connection from a client offering TLS without CredSSP is refused (HYBRID_REQUIRED_BY_SERVER).',
  },
  references: [REF.msNla, REF.anssiAdmin, REF.anssiRansomware],
};

/** `service.rdp-no-nla`: the RDP probe established that NLA is not required. */
export const serviceRdpNoNlaCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'rdp')
      .filter((v) => detailFlag(v.service, 'nlaRequired') === false)
      .map((v) => {
        const standard = detailFlag(v.service, 'standardRdpSecurityAccepted') === true;
        const selected = detailText(v.service, 'selectedWhenModernRequested');
        return buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `NLA not required${selected ? `; server chose ${selected} when offered SSL/HYBRID` : ''}${standard ? '; standard RDP security (RC4) accepted' : ''}; offered: ${detailList(v.service, 'protocolsOffered').join(', ')}`,
        });
      });
  },
};
