import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { defaultPageOf } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.default-page',
  category: 'misconfiguration',
  severity: 'low',
  title: {
    fr: 'Page par défaut du serveur web laissée en place',
    en: 'Web server default page left in place',
  },
  description: {
    fr: "Le serveur affiche la page d'accueil installée par défaut (nginx, Apache, IIS, Tomcat…). C'est le signe d'un serveur oublié ou installé sans être durci : il révèle le logiciel utilisé, n'est souvent ni mis à jour ni supervisé, et constitue une porte d'entrée facile dans le réseau de l'établissement.",
    en: "The server shows the default welcome page installed with it (nginx, Apache, IIS, Tomcat…). It is the sign of a forgotten server, or one installed without hardening: it reveals the software used, is often neither updated nor monitored, and is an easy way into the organisation's network.",
  },
  recommendation: {
    fr: "Si le serveur n'a pas d'usage, l'arrêter et le retirer de l'exposition Internet ; sinon supprimer la page par défaut (et les exemples livrés), publier le contenu prévu, appliquer le durcissement du serveur et l'inscrire dans l'inventaire et la supervision. Vérification : l'URL ne renvoie plus la page de bienvenue du produit.",
    en: "If the server has no purpose, stop it and take it off the Internet; otherwise delete the default page (and shipped examples), publish the intended content, harden the server and put it in the inventory and monitoring. Verify: the URL no longer returns the product's welcome page.",
  },
  references: [REF.anssiWeb],
};

/** `http.default-page`: the root answer is a known default page (by content). */
export const httpDefaultPageCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input).flatMap((v) => {
      const page = defaultPageOf(v.http.bodySample ?? '');
      if (page === null || v.http.status >= 400) return [];
      return [
        buildFinding(definition, {
          target: serviceTarget(v, v.http.url),
          evidence: `GET ${v.http.url} → ${v.http.status}: ${page}${v.http.title ? ` (title "${v.http.title}")` : ''}`,
        }),
      ];
    });
  },
};
