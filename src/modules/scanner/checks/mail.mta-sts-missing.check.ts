import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { mailDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.mta-sts-missing',
  category: 'misconfiguration',
  severity: 'low',
  title: {
    fr: 'Pas de politique MTA-STS en vigueur pour la messagerie entrante',
    en: 'No MTA-STS policy in force for incoming mail',
  },
  description: {
    fr: "Le domaine ne publie pas de politique MTA-STS valide (enregistrement « _mta-sts » absent, politique HTTPS inaccessible ou invalide, ou mode « none »). Les serveurs qui envoient du courrier à l'hôpital acceptent donc de le transmettre en clair si un attaquant placé sur le chemin supprime STARTTLS : des comptes rendus, résultats ou échanges avec les patients peuvent être lus ou modifiés en transit.",
    en: 'The domain publishes no valid MTA-STS policy ("_mta-sts" record missing, HTTPS policy unreachable or invalid, or mode "none"). Servers sending mail to the hospital will therefore fall back to cleartext if an attacker on the path strips STARTTLS: reports, results or exchanges with patients can be read or altered in transit.',
  },
  recommendation: {
    fr: "Publier la politique sur https://mta-sts.<domaine>/.well-known/mta-sts.txt (certificat valide ; « version: STSv1 », « mode: testing » puis « enforce », une ligne « mx: » par MX, « max_age: » d'au moins une semaine) et l'enregistrement « _mta-sts.<domaine> TXT \"v=STSv1; id=<horodatage>\" », en changeant l'id à chaque modification ; vérifier que chaque MX présente un certificat valide pour son nom. Vérification : un testeur MTA-STS (ou curl sur l'URL de politique) lit la politique, et « dig TXT _mta-sts.<domaine> » renvoie l'id.",
    en: 'Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt (valid certificate; "version: STSv1", "mode: testing" then "enforce", one "mx:" line per MX, "max_age:" of at least a week) and publish "_mta-sts.<domain> TXT \\"v=STSv1; id=<timestamp>\\"", changing the id on every change; make sure each MX presents a certificate valid for its name. Verify: an MTA-STS tester (or curl on the policy URL) reads the policy, and "dig TXT _mta-sts.<domain>" returns the id.',
  },
  references: [REF.rfc8461, REF.anssiDomains],
};

/**
 * `mail.mta-sts-missing`: a mail domain without `_mta-sts` record, or whose policy (when its host is
 * in scope) cannot be fetched over valid HTTPS, is invalid, or says `mode: none`.
 */
export const mailMtaStsMissingCheck: Check = {
  definition,
  evaluate(input) {
    return mailDomains(input).flatMap((m) => {
      const s = m.mtaSts;
      if (!s) return [];
      let why: string | null = null;
      if (s.records.length === 0) why = `no v=STSv1 TXT record at _mta-sts.${m.domain}`;
      else if (s.records.length > 1) why = `${s.records.length} v=STSv1 records at _mta-sts.${m.domain}`;
      else if (s.policyFetch === 'failed') why = `${s.policyUrl} unreachable: ${s.note ?? 'no answer'}`;
      else if (s.policyFetch === 'fetched') {
        if (s.policyStatus !== 200) why = `${s.policyUrl} answered ${s.policyStatus ?? '?'}`;
        else if (s.policyCertificateValid === false) why = `${s.policyUrl}: certificate not valid`;
        else if (s.policy && s.policy.errors.length > 0)
          why = `${s.policyUrl}: ${s.policy.errors.join('; ')}`;
        else if (s.policy?.mode === 'none') why = `${s.policyUrl}: mode none`;
      }
      if (why === null) return [];
      return [buildFinding(definition, { target: { domain: m.domain }, evidence: why })];
    });
  },
};
