import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { gitContent, isRealContent } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.git-exposed',
  category: 'information-leak',
  severity: 'high',
  title: {
    fr: 'Dépôt Git du site lisible sur le web (/.git/)',
    en: "The site's Git repository is readable on the web (/.git/)",
  },
  description: {
    fr: "Le répertoire /.git/ du site est accessible : n'importe qui peut télécharger l'historique complet du code source de l'application, avec les mots de passe, clés d'API et adresses de bases de données qui y ont été enregistrés un jour, ainsi que le détail de son fonctionnement pour y chercher des failles. Des outils automatiques exploitent ce défaut en quelques secondes.",
    en: "The site's /.git/ directory is reachable: anyone can download the application's full source-code history, including the passwords, API keys and database addresses ever committed to it, and study how it works to find flaws. Automated tools exploit this in seconds.",
  },
  recommendation: {
    fr: "Interdire l'accès aux répertoires de contrôle de version (nginx : « location ~ /\\.(?!well-known) { deny all; } » ; Apache : « RedirectMatch 404 /\\.git ») ou, mieux, déployer sans le dossier .git ; considérer comme compromis les secrets présents dans l'historique et les changer. Vérification : « curl -s -o /dev/null -w '%{http_code}' <site>/.git/HEAD » renvoie 403 ou 404.",
    en: 'Deny access to version-control directories (nginx: "location ~ /\\.(?!well-known) { deny all; }"; Apache: "RedirectMatch 404 /\\.git") or, better, deploy without the .git folder; treat the secrets present in the history as compromised and change them. Verify: "curl -s -o /dev/null -w \'%{http_code}\' <site>/.git/HEAD" returns 403 or 404.',
  },
  references: [REF.owaspWstgInfo, REF.anssiWeb],
};

/** `http.git-exposed`: `/.git/HEAD` or `/.git/config` answered with Git's own content. */
export const httpGitExposedCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) => {
      const hits = (view.assessment?.http?.paths ?? [])
        .filter(isRealContent)
        .map((p) => ({ p, seen: gitContent(p) }))
        .filter((h): h is { p: typeof h.p; seen: string } => h.seen !== null);
      const first = hits[0];
      if (!first) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(view, first.p.url.replace(/(HEAD|config)$/, '')),
          discriminator: '/.git/',
          evidence: hits.map((h) => `${h.p.path} → ${h.p.status}: ${h.seen}`).join('; '),
        }),
      ];
    });
  },
};
