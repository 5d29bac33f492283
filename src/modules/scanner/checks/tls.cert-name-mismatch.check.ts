import { isIP } from 'node:net';
import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { certificateCovers, certificateNames } from './certificate-names.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'tls.cert-name-mismatch',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Le certificat ne correspond pas au nom du service',
    en: 'The certificate does not match the service name',
  },
  description: {
    fr: "Le certificat présenté ne couvre aucun des noms sous lesquels le service est publié (par exemple un certificat « localhost » ou le numéro de série d'un équipement). Les clients affichent une alerte de nom ; comme pour un certificat non reconnu, les utilisateurs s'habituent à passer outre, ce qui rend une interception indétectable.",
    en: 'The certificate does not cover any name the service is published under (for instance a "localhost" certificate or an appliance serial number). Clients show a name warning; as with an unrecognised certificate, users get used to clicking through, which makes interception undetectable.',
  },
  recommendation: {
    fr: "Installer un certificat dont les noms alternatifs (SAN) contiennent tous les noms publiés du service (y compris les alias CNAME), ou publier le service sous le nom du certificat. Vérification : « openssl s_client -connect <hôte>:<port> -servername <nom> -verify_hostname <nom> » ne signale pas d'erreur de nom.",
    en: 'Install a certificate whose subject alternative names (SAN) include every published name of the service (CNAME aliases too), or publish the service under the certificate\'s name. Verify: "openssl s_client -connect <host>:<port> -servername <name> -verify_hostname <name>" reports no name error.',
  },
  references: [REF.rfc9525, REF.anssiTls],
};

/** `tls.cert-name-mismatch`: the host has names, and the certificate covers none of them. */
export const tlsCertNameMismatchCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) => {
      const c = view.service.certificate;
      const names = view.host.hostnames.filter((n) => isIP(n) === 0);
      if (!c || names.length === 0 || names.some((n) => certificateCovers(c, n))) return [];
      const covered = certificateNames(c);
      return [
        buildFinding(definition, {
          target: serviceTarget(view),
          evidence: `certificate for ${covered.length > 0 ? covered.join(', ') : 'no DNS name'} (subject ${c.subject}) served for ${names.slice(0, 5).join(', ')}`,
        }),
      ];
    });
  },
};
