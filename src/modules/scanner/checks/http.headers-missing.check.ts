import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { redirectsToHttps } from './http-view.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.headers-missing',
  category: 'misconfiguration',
  severity: 'info',
  title: {
    fr: 'En-têtes de sécurité HTTP manquants',
    en: 'HTTP security headers missing',
  },
  description: {
    fr: "Le site n'envoie pas certains en-têtes qui font appliquer des protections par le navigateur : Content-Security-Policy (limite l'impact d'une injection de script), X-Content-Type-Options: nosniff (empêche l'interprétation d'un fichier déposé comme un script) et une protection contre l'intégration dans un cadre (X-Frame-Options ou frame-ancestors, contre le détournement de clic). Sans eux, une faille de l'application, même mineure, a des conséquences plus graves pour les utilisateurs.",
    en: 'The site does not send some headers that make the browser enforce protections: Content-Security-Policy (limits the impact of script injection), X-Content-Type-Options: nosniff (stops an uploaded file from being run as a script) and framing protection (X-Frame-Options or frame-ancestors, against clickjacking). Without them, even a minor application flaw has worse consequences for users.',
  },
  recommendation: {
    fr: "Ajouter au serveur web ou au reverse proxy : « Content-Security-Policy » adaptée au site (au minimum default-src 'self'; frame-ancestors 'self'), « X-Content-Type-Options: nosniff » et « X-Frame-Options: SAMEORIGIN » (ou DENY). Tester la CSP d'abord en mode Content-Security-Policy-Report-Only. Vérification : « curl -sI <url> » affiche les trois en-têtes, ou un outil comme securityheaders.com / Mozilla Observatory les détecte.",
    en: 'Add at the web server or reverse proxy: a "Content-Security-Policy" suited to the site (at least default-src \'self\'; frame-ancestors \'self\'), "X-Content-Type-Options: nosniff" and "X-Frame-Options: SAMEORIGIN" (or DENY). Try the CSP first as Content-Security-Policy-Report-Only. Verify: "curl -sI <url>" shows the three headers, or a tool such as securityheaders.com / Mozilla Observatory detects them.',
  },
  references: [REF.owaspHeaders, REF.mdnCsp, REF.anssiWeb],
};

/** `http.headers-missing`: a page served (2xx, not a redirect) without CSP, nosniff or framing protection. */
export const httpHeadersMissingCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input)
      .filter(
        (v) =>
          v.http.status >= 200 &&
          v.http.status < 300 &&
          !(v.service.protocol === 'http' && redirectsToHttps(v.service)),
      )
      .flatMap((v) => {
        const h = v.http.headers;
        const csp = h['content-security-policy'];
        const missing: string[] = [];
        if (csp === undefined) missing.push('Content-Security-Policy');
        if (!/nosniff/i.test(h['x-content-type-options'] ?? ''))
          missing.push('X-Content-Type-Options: nosniff');
        if (h['x-frame-options'] === undefined && !/frame-ancestors/i.test(csp ?? ''))
          missing.push('X-Frame-Options / frame-ancestors');
        if (missing.length === 0) return [];
        return [
          buildFinding(definition, {
            target: serviceTarget(v, v.http.url),
            evidence: `GET ${v.http.url} → ${v.http.status}: missing ${missing.join(', ')}`,
          }),
        ];
      });
  },
};
