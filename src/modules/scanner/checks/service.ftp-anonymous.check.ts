import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, detailText, productLabel, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.ftp-anonymous',
  category: 'weak-authentication',
  severity: 'medium',
  title: {
    fr: 'Connexion FTP anonyme acceptée',
    en: 'Anonymous FTP login accepted',
  },
  description: {
    fr: "Le serveur FTP accepte l'utilisateur « anonymous » : n'importe qui peut lister et télécharger les fichiers déposés (exports, sauvegardes, documents échangés avec des partenaires), et parfois en déposer. FTP circule de plus en clair, identifiants compris, pour les comptes nominatifs du même serveur.",
    en: 'The FTP server accepts the "anonymous" user: anyone can list and download the files stored there (exports, backups, documents exchanged with partners), and sometimes upload. FTP also travels in cleartext, credentials included, for the named accounts of the same server.',
  },
  recommendation: {
    fr: "Désactiver l'accès anonyme (vsftpd : « anonymous_enable=NO » ; IIS FTP : désactiver l'authentification anonyme), vérifier qu'aucun fichier sensible n'a été exposé, et remplacer FTP par SFTP ou un service d'échange sécurisé avec comptes nominatifs. Vérification : « curl ftp://<hôte>/ --user anonymous:test » est refusé (530).",
    en: 'Disable anonymous access (vsftpd: "anonymous_enable=NO"; IIS FTP: turn off anonymous authentication), check that no sensitive file was exposed, and replace FTP with SFTP or a secure exchange service with named accounts. Verify: "curl ftp://<host>/ --user anonymous:test" is refused (530).',
  },
  references: [REF.rfc1635, REF.vsftpd, REF.anssiInterconnexion],
};

/** `service.ftp-anonymous`: USER anonymous (and PASS anonymous@ if asked) logged in. */
export const serviceFtpAnonymousCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'ftp')
      .filter((v) => detailFlag(v.service, 'anonymousLogin') === true)
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `${productLabel(v.service)}: USER anonymous → logged in (${detailText(v.service, 'anonymousOutcome') ?? 'allowed'})`,
        }),
      );
  },
};
