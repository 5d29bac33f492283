import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { redirectsToHttps } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.no-https',
  category: 'misconfiguration',
  severity: 'medium',
  title: {
    fr: 'Site servi en HTTP sans redirection vers HTTPS',
    en: 'Site served over HTTP without a redirect to HTTPS',
  },
  description: {
    fr: 'Le site répond en HTTP non chiffré au lieu de rediriger vers sa version HTTPS. Tout ce qui y transite (identifiants, formulaires, pages consultées par les patients ou les professionnels) peut être lu ou modifié sur le réseau, par exemple sur un Wi-Fi public ; un attaquant peut aussi y injecter du contenu malveillant.',
    en: 'The site answers over unencrypted HTTP instead of redirecting to its HTTPS version. Everything it carries (credentials, forms, pages viewed by patients or professionals) can be read or altered on the network, for instance on public Wi-Fi; an attacker can also inject malicious content.',
  },
  recommendation: {
    fr: 'Servir le site uniquement en HTTPS et rediriger toute requête HTTP par une redirection permanente (301/308) vers la même URL en https:// (nginx : « return 301 https://$host$request_uri; » ; Apache : « Redirect permanent / https://… » ; IIS : module URL Rewrite), puis activer HSTS. Vérification : « curl -sI http://<site>/ » renvoie 301 ou 308 avec « Location: https://… ».',
    en: 'Serve the site over HTTPS only and answer every HTTP request with a permanent redirect (301/308) to the same URL in https:// (nginx: "return 301 https://$host$request_uri;"; Apache: "Redirect permanent / https://…"; IIS: URL Rewrite module), then turn on HSTS. Verify: "curl -sI http://<site>/" returns 301 or 308 with "Location: https://…".',
  },
  references: [REF.anssiWeb, REF.rfc6797],
};

/** A root answer that is a site (a page, an error page of a site), not "bad request" or a broken server. */
function servesSomething(status: number): boolean {
  return status !== 400 && status < 500;
}

/** `http.no-https`: a plain-HTTP service serving something at / whose answer never leads to HTTPS. */
export const httpNoHttpsCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input)
      .filter(
        (v) =>
          v.service.protocol === 'http' &&
          v.service.tls !== true &&
          servesSomething(v.http.status) &&
          !redirectsToHttps(v.service),
      )
      .map((v) =>
        buildFinding(definition, {
          target: serviceTarget(v, v.http.url),
          evidence: `GET ${v.http.url} → ${v.http.status}${v.http.redirects.length > 0 ? ` after ${v.http.redirects.map((r) => `${r.status} ${r.to}`).join(', ')}` : ''}, no redirect to HTTPS`,
        }),
      );
  },
};
