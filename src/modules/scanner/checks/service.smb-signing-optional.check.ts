import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, detailText, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.smb-signing-optional',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Signature SMB non exigée',
    en: 'SMB signing not required',
  },
  description: {
    fr: "Le serveur SMB n'exige pas la signature des échanges. Un attaquant présent sur le réseau peut relayer l'authentification d'un utilisateur ou d'un serveur vers celui-ci (attaque par relais NTLM) et agir avec ses droits, ou modifier les fichiers en transit. C'est une étape classique de la propagation d'un rançongiciel dans un réseau hospitalier.",
    en: "The SMB server does not require message signing. An attacker on the network can relay a user's or a server's authentication to it (NTLM relay) and act with their rights, or alter files in transit. It is a classic step in the spread of ransomware across a hospital network.",
  },
  recommendation: {
    fr: 'Exiger la signature SMB sur les serveurs (stratégie « Serveur réseau Microsoft : communications signées numériquement (toujours) », ou « Set-SmbServerConfiguration -RequireSecuritySignature $true » ; Samba : « server signing = mandatory »), en commençant par les contrôleurs de domaine et serveurs de fichiers. Vérification : « nmap -p445 --script smb2-security-mode <adresse> » indique « Message signing enabled and required ».',
    en: 'Require SMB signing on servers (policy "Microsoft network server: Digitally sign communications (always)", or "Set-SmbServerConfiguration -RequireSecuritySignature $true"; Samba: "server signing = mandatory"), domain controllers and file servers first. Verify: "nmap -p445 --script smb2-security-mode <address>" reports "Message signing enabled and required".',
  },
  references: [REF.msSmbSigning, REF.sambaSmbConf],
};

/** `service.smb-signing-optional`: the negotiate answer does not set "signing required". */
export const serviceSmbSigningOptionalCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'smb')
      .filter((v) => detailFlag(v.service, 'signingRequired') === false)
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `SecurityMode: signing ${detailFlag(v.service, 'signingEnabled') === false ? 'not enabled' : 'enabled'}, not required (dialect ${detailText(v.service, 'dialect') ?? '?'})`,
        }),
      );
  },
};
