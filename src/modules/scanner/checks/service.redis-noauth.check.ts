import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { detailFlag, detailText, productLabel, servicesOf, serviceTarget } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.redis-noauth',
  category: 'weak-authentication',
  severity: 'critical',
  title: {
    fr: 'Redis accessible sans authentification',
    en: 'Redis reachable without authentication',
  },
  description: {
    fr: "Le serveur Redis exécute des commandes sans demander de mot de passe. N'importe qui peut lire et effacer toutes les données (sessions d'utilisateurs, files de messages, caches d'applications) et, par des techniques bien connues (écriture de fichiers, modules), exécuter du code sur le serveur puis rebondir dans le réseau de l'établissement.",
    en: "The Redis server runs commands without asking for a password. Anyone can read and wipe all data (user sessions, message queues, application caches) and, with well-known techniques (file writes, modules), run code on the server and move on into the organisation's network.",
  },
  recommendation: {
    fr: "Ne faire écouter Redis que sur l'interface interne (bind), laisser « protected-mode yes », définir des utilisateurs ACL avec mots de passe forts (ou « requirepass »), renommer ou interdire les commandes dangereuses (CONFIG, MODULE), et filtrer le port 6379. Vérification : « redis-cli -h <hôte> PING » renvoie « NOAUTH Authentication required » ou échoue à se connecter.",
    en: 'Make Redis listen on the internal interface only (bind), keep "protected-mode yes", set ACL users with strong passwords (or "requirepass"), rename or forbid dangerous commands (CONFIG, MODULE), and filter port 6379. Verify: "redis-cli -h <host> PING" answers "NOAUTH Authentication required" or cannot connect.',
  },
  references: [REF.redisSecurity, REF.anssiInterconnexion],
};

/** `service.redis-noauth`: PING answered `+PONG` without AUTH. */
export const serviceRedisNoauthCheck: Check = {
  definition,
  evaluate(input) {
    return servicesOf(input, 'redis')
      .filter((v) => detailFlag(v.service, 'authRequired') === false)
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v),
          evidence: `PING → +PONG without AUTH (${productLabel(v.service)}${detailText(v.service, 'mode') ? `, mode ${detailText(v.service, 'mode')}` : ''})`,
        }),
      );
  },
};
