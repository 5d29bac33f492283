import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';
import { serviceTarget, webServices } from './service-view.js';

const definition: CheckDefinition = {
  id: 'http.hsts-missing',
  category: 'misconfiguration',
  severity: 'low',
  title: {
    fr: 'En-tête HSTS absent sur un site HTTPS',
    en: 'HSTS header missing on an HTTPS site',
  },
  description: {
    fr: "Le site HTTPS n'envoie pas l'en-tête Strict-Transport-Security (ou avec max-age=0). Le navigateur accepte donc de revenir en HTTP : un attaquant sur le réseau peut intercepter la première connexion non chiffrée et détourner l'utilisateur (attaque de type « SSL stripping ») vers une copie du portail qui capte ses identifiants.",
    en: 'The HTTPS site does not send the Strict-Transport-Security header (or sends max-age=0). The browser therefore accepts falling back to HTTP: an attacker on the network can intercept the first unencrypted connection and divert the user ("SSL stripping") to a copy of the portal that captures their credentials.',
  },
  recommendation: {
    fr: "Ajouter sur toutes les réponses HTTPS « Strict-Transport-Security: max-age=31536000; includeSubDomains » (nginx : add_header … always ; Apache : Header always set ; IIS : paramètre HSTS du site), une fois tous les sous-domaines concernés servis en HTTPS. Vérification : « curl -sI https://<site>/ » montre l'en-tête avec un max-age d'au moins six mois.",
    en: 'Add "Strict-Transport-Security: max-age=31536000; includeSubDomains" to every HTTPS answer (nginx: add_header … always; Apache: Header always set; IIS: the site\'s HSTS setting), once every subdomain concerned is served over HTTPS. Verify: "curl -sI https://<site>/" shows the header with a max-age of at least six months.',
  },
  references: [REF.rfc6797, REF.anssiWeb, REF.owaspHeaders],
};

/** `http.hsts-missing`: an HTTPS answer without Strict-Transport-Security, or with max-age 0. */
export const httpHstsMissingCheck: Check = {
  definition,
  evaluate(input) {
    return webServices(input)
      .filter((v) => v.service.protocol === 'https' || v.service.tls === true)
      .flatMap((v) => {
        const hsts = v.http.headers['strict-transport-security'];
        const maxAge = hsts === undefined ? null : Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts)?.[1] ?? 'NaN');
        if (hsts !== undefined && maxAge !== null && !Number.isNaN(maxAge) && maxAge > 0) return [];
        return [
          buildFinding(definition, {
            target: serviceTarget(v, v.http.url),
            evidence:
              hsts === undefined
                ? `GET ${v.http.url} → ${v.http.status}: no Strict-Transport-Security header`
                : `Strict-Transport-Security: ${hsts} (no effective max-age)`,
          }),
        ];
      });
  },
};
