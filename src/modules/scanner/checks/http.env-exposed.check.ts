import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { envKeys, isRealContent } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, serviceViews } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.env-exposed',
  category: 'information-leak',
  severity: 'critical',
  title: {
    fr: "Fichier de secrets de l'application lisible (.env)",
    en: "The application's secrets file is readable (.env)",
  },
  description: {
    fr: "Un fichier d'environnement (.env ou variante) de l'application est téléchargeable : il contient typiquement les mots de passe des bases de données, les clés de chiffrement de l'application et les accès aux services tiers (messagerie, stockage). Avec ces secrets, un attaquant peut accéder directement aux données, y compris de santé, sans exploiter aucune autre faille.",
    en: "An environment file (.env or a variant) of the application can be downloaded: it typically holds database passwords, the application's encryption keys and credentials for third-party services (mail, storage). With these secrets an attacker can reach the data, health data included, without exploiting any other flaw.",
  },
  recommendation: {
    fr: "Bloquer immédiatement l'accès au fichier (placer .env hors de la racine web, et refuser les fichiers commençant par un point dans la configuration du serveur), puis considérer tous les secrets qu'il contient comme compromis : changer les mots de passe, régénérer les clés, vérifier les journaux d'accès au fichier et aux bases. Vérification : l'URL renvoie 403 ou 404 et les anciens secrets ne fonctionnent plus.",
    en: 'Block access to the file at once (move .env out of the web root, and deny files starting with a dot in the server configuration), then treat every secret in it as compromised: change passwords, regenerate keys, check the access logs of the file and of the databases. Verify: the URL returns 403 or 404 and the old secrets no longer work.',
  },
  references: [REF.owaspWstgInfo, REF.anssiWeb],
};

/** `http.env-exposed`: an `.env*` path answered with KEY=VALUE lines (values never copied into evidence). */
export const httpEnvExposedCheck: Check = {
  definition,
  evaluate(input) {
    return serviceViews(input).flatMap((view) =>
      (view.assessment?.http?.paths ?? [])
        .filter((p) => p.reason === 'secret-file' && /\/\.env[^/]*$/.test(p.path) && isRealContent(p))
        .flatMap((p) => {
          const keys = envKeys(p);
          if (keys === null) return [];
          return [
            buildFinding(definition, {
              target: serviceTarget(view, p.url),
              discriminator: p.path,
              evidence: `${p.path} → ${p.status}, ${p.length} bytes, ${keys.length} variables: ${keys.slice(0, 12).join(', ')} (values not kept)`,
            }),
          ];
        }),
    );
  },
};
