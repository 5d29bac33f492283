import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { generatorVersion, versionHeaders } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.version-disclosure',
  category: 'information-leak',
  severity: 'info',
  title: {
    fr: 'Versions des logiciels affichées par le serveur web',
    en: 'Software versions disclosed by the web server',
  },
  description: {
    fr: 'Le serveur annonce le nom et la version exacte de ses logiciels (en-têtes Server, X-Powered-By, X-AspNet-Version…, ou balise « generator » des pages). Un attaquant sait ainsi immédiatement quelles vulnérabilités connues tenter, et des robots recensent automatiquement les établissements qui exposent une version vulnérable.',
    en: 'The server announces the name and exact version of its software (Server, X-Powered-By, X-AspNet-Version… headers, or the pages\' "generator" tag). An attacker immediately knows which known vulnerabilities to try, and bots automatically list organisations exposing a vulnerable version.',
  },
  recommendation: {
    fr: "Masquer les versions : nginx « server_tokens off; », Apache « ServerTokens Prod » et « ServerSignature Off », PHP « expose_php = Off », IIS/ASP.NET : supprimer X-Powered-By et « enableVersionHeader=false », retirer la balise generator des CMS ; surtout, tenir ces logiciels à jour. Vérification : « curl -sI <url> » n'affiche plus de numéro de version.",
    en: 'Hide versions: nginx "server_tokens off;", Apache "ServerTokens Prod" and "ServerSignature Off", PHP "expose_php = Off", IIS/ASP.NET: remove X-Powered-By and set "enableVersionHeader=false", drop the CMS generator tag; above all, keep the software up to date. Verify: "curl -sI <url>" shows no version number any more.',
  },
  references: [REF.nginxServerTokens, REF.anssiWeb],
};

/** `http.version-disclosure`: a version number in identifying headers or in a generator meta tag. */
export const httpVersionDisclosureCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input).flatMap((v) => {
      const seen = versionHeaders(v.http.headers);
      const generator = generatorVersion(v.http.bodySample ?? '');
      if (generator) seen.push(`<meta name="generator" content="${generator}">`);
      if (seen.length === 0) return [];
      return [buildFinding(definition, { target: serviceTarget(v, v.http.url), evidence: seen.join('; ') })];
    });
  },
};
