import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.smb1-enabled',
  category: 'obsolete-software',
  severity: 'high',
  title: {
    fr: 'Protocole SMBv1 obsolète activé',
    en: 'Obsolete SMBv1 protocol enabled',
  },
  description: {
    fr: "Le serveur accepte encore SMBv1, version de 1996 abandonnée par Microsoft. C'est le protocole exploité par EternalBlue (WannaCry, NotPetya) : un serveur qui l'accepte peut être compromis à distance s'il manque un correctif, et SMBv1 n'offre ni chiffrement ni protection efficace contre la manipulation des échanges.",
    en: 'The server still accepts SMBv1, a 1996 version Microsoft has abandoned. It is the protocol EternalBlue exploits (WannaCry, NotPetya): a server accepting it can be taken over remotely if a patch is missing, and SMBv1 offers neither encryption nor effective protection against tampering.',
  },
  recommendation: {
    fr: 'Désactiver SMBv1 côté serveur (Windows : « Set-SmbServerConfiguration -EnableSMB1Protocol $false » ou retrait de la fonctionnalité ; Samba : « server min protocol = SMB2_10 » ou plus), après avoir identifié les vieux équipements clients (scanners, automates, dispositifs médicaux) qui en dépendent et prévu leur remplacement ou leur isolement. Vérification : « nmap -p445 --script smb-protocols <adresse> » ne liste plus NT LM 0.12 (SMBv1).',
    en: 'Disable SMBv1 on the server (Windows: "Set-SmbServerConfiguration -EnableSMB1Protocol $false" or remove the feature; Samba: "server min protocol = SMB2_10" or higher), after finding the old clients (scanners, controllers, medical devices) that depend on it and planning their replacement or isolation. Verify: "nmap -p445 --script smb-protocols <address>" no longer lists NT LM 0.12 (SMBv1).',
  },
  references: [REF.msSmb1, REF.anssiRansomware, REF.sambaSmbConf],
};

/** `service.smb1-enabled`: the SMB1 NEGOTIATE (NT LM 0.12) was accepted. */
export const serviceSmb1EnabledCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'smb')
      .filter((v) => detailFlag(v.service, 'smb1') === true)
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `SMB1 NEGOTIATE offering only "NT LM 0.12" accepted on ${v.host.address}:${v.service.port}`,
        }),
      );
  },
};
