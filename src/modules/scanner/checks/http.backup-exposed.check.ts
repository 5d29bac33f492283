import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { backupContent, isRealContent } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.backup-exposed',
  category: 'information-leak',
  severity: 'high',
  title: {
    fr: 'Copie de sauvegarde ou archive du site téléchargeable',
    en: 'Backup copy or archive of the site downloadable',
  },
  description: {
    fr: "Une copie de sauvegarde d'un script serveur (index.php.bak, config.php~ …), une archive du site ou un export de base de données est téléchargeable. Contrairement au script en service, la copie n'est pas exécutée : son code source est livré tel quel, avec les identifiants de connexion aux bases qu'il contient ; une archive ou un export peut contenir des données de patients.",
    en: 'A backup copy of a server-side script (index.php.bak, config.php~ …), an archive of the site or a database export can be downloaded. Unlike the live script, the copy is not executed: its source code is served as is, with the database credentials it contains; an archive or export may contain patient data.',
  },
  recommendation: {
    fr: "Supprimer ces fichiers de la racine web (et de tous les serveurs), ne jamais faire de sauvegarde dans l'arborescence publiée, et refuser les extensions de sauvegarde dans la configuration (nginx : « location ~* \\.(bak|old|orig|sql|zip|tar\\.gz)$|~$ { deny all; } »). Changer les mots de passe présents dans les fichiers exposés. Vérification : l'URL renvoie 404, et une recherche de fichiers *.bak, *~, *.sql, *.zip dans la racine web ne trouve rien.",
    en: 'Delete these files from the web root (on every server), never make backups inside the published tree, and deny backup extensions in the configuration (nginx: "location ~* \\.(bak|old|orig|sql|zip|tar\\.gz)$|~$ { deny all; }"). Change the passwords found in the exposed files. Verify: the URL returns 404, and a search for *.bak, *~, *.sql, *.zip in the web root finds nothing.',
  },
  references: [REF.owaspWstgInfo, REF.anssiWeb],
};

/** `http.backup-exposed` (added): a backup path answered with matching content (PHP source, archive magic, SQL dump). */
export const httpBackupExposedCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) =>
      (view.assessment?.http?.paths ?? [])
        .filter((p) => p.reason === 'backup-file' && isRealContent(p))
        .flatMap((p) => {
          const what = backupContent(p);
          if (what === null) return [];
          return [
            buildFinding(definition, {
              target: serviceTarget(view, p.url),
              discriminator: p.path,
              evidence: `${p.path} → ${p.status}, ${p.length} bytes: ${what}`,
            }),
          ];
        }),
    );
  },
};
