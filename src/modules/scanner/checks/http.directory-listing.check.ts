import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition, Finding } from '../findings/finding.types.js';
import { directoryListingMarker, isRealContent } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.directory-listing',
  category: 'information-leak',
  severity: 'medium',
  title: {
    fr: 'Listage automatique du contenu de répertoires',
    en: 'Automatic directory listing',
  },
  description: {
    fr: "Le serveur affiche la liste des fichiers d'un répertoire faute de page d'index. Des documents qui n'étaient liés nulle part deviennent visibles et téléchargeables par tous : exports de tableurs, plannings, procédures internes, voire extractions contenant des données de patients.",
    en: 'The server shows the list of files in a directory when there is no index page. Documents linked from nowhere become visible and downloadable by anyone: spreadsheet exports, schedules, internal procedures, even extracts holding patient data.',
  },
  recommendation: {
    fr: "Désactiver le listage (nginx : « autoindex off; », Apache : « Options -Indexes », IIS : « Exploration de répertoire » désactivée), retirer du serveur web les documents qui n'ont pas à y être, et vérifier dans les journaux s'ils ont été téléchargés. Vérification : l'URL du répertoire renvoie 403 ou 404.",
    en: 'Turn off listing (nginx: "autoindex off;", Apache: "Options -Indexes", IIS: Directory Browsing disabled), remove from the web server any document that does not belong there, and check the logs for downloads. Verify: the directory URL returns 403 or 404.',
  },
  references: [REF.nginxAutoindex, REF.anssiWeb, REF.owaspWstgInfo],
};

/** `http.directory-listing`: a directory (or the root page) answered with an index listing. */
export const httpDirectoryListingCheck: Check = {
  definition,
  evaluate(input) {
    const findings: Finding[] = [];
    for (const view of serviceViews(input)) {
      const http = view.service.http;
      const rootMarker = http && http.status < 300 ? directoryListingMarker(http.bodySample ?? '') : null;
      if (http && rootMarker) {
        findings.push(
          buildFinding(definition, {
            target: serviceTarget(view, http.url),
            discriminator: '/',
            evidence: `GET ${http.url} → ${http.status}: ${rootMarker}`,
          }),
        );
      }
      for (const p of view.assessment?.http?.paths ?? []) {
        if (!p.path.endsWith('/') || p.path.includes('/.git') || !isRealContent(p)) continue;
        const marker = directoryListingMarker(p.sample);
        if (marker === null) continue;
        const entries = [...p.sample.matchAll(/<a href="([^"?/][^"]{0,80})"/gi)]
          .map((m) => m[1] as string)
          .filter((h) => h !== '../')
          .slice(0, 5);
        findings.push(
          buildFinding(definition, {
            target: serviceTarget(view, p.url),
            discriminator: p.path,
            evidence: `${p.path} → ${p.status}: ${marker}${entries.length > 0 ? `; entries: ${entries.join(', ')}` : ''}`,
          }),
        );
      }
    }
    return findings;
  },
};
