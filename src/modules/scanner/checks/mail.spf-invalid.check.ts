import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.spf-invalid',
  category: 'identity-spoofing',
  severity: 'medium',
  title: {
    fr: "Enregistrement SPF invalide (erreur permanente à l'évaluation)",
    en: 'Invalid SPF record (permanent error when evaluated)',
  },
  description: {
    fr: "L'enregistrement SPF ne peut pas être évalué correctement : erreur de syntaxe, plusieurs enregistrements SPF, plus de 10 recherches DNS (include, a, mx, ptr, exists, redirect) ou plus de 2 recherches sans réponse, include vers un domaine sans SPF. Les messageries destinataires concluent alors à une « permerror » et ignorent la politique : le domaine est aussi peu protégé que s'il n'avait pas de SPF, et des courriels légitimes de l'établissement peuvent être rejetés.",
    en: 'The SPF record cannot be evaluated properly: syntax error, several SPF records, more than 10 DNS lookups (include, a, mx, ptr, exists, redirect) or more than 2 lookups without an answer, an include of a domain without SPF. Receiving mail systems then conclude "permerror" and ignore the policy: the domain is as unprotected as without SPF, and legitimate mail from the organisation may be rejected.',
  },
  recommendation: {
    fr: "Corriger l'enregistrement : un seul TXT « v=spf1 », mécanismes bien formés, includes pointant vers des domaines qui publient un SPF, et au plus 10 mécanismes consommant une recherche DNS (remplacer des include imbriqués par les plages ip4:/ip6: correspondantes, supprimer les prestataires abandonnés, éviter ptr). Vérification : un outil d'analyse SPF (internet.nl, checkdmarc) ne signale plus de permerror et compte 10 recherches ou moins.",
    en: 'Fix the record: a single "v=spf1" TXT, well-formed mechanisms, includes pointing to domains that publish SPF, and at most 10 mechanisms that cost a DNS lookup (replace nested includes with the matching ip4:/ip6: ranges, drop abandoned providers, avoid ptr). Verify: an SPF analyser (internet.nl, checkdmarc) reports no permerror and counts 10 lookups or fewer.',
  },
  references: [REF.rfc7208, REF.internetNl],
};

/** `mail.spf-invalid` (added): several SPF records, or an evaluation ending in `permerror`. */
export const mailSpfInvalidCheck: Check = {
  definition,
  evaluate(input) {
    return input.mail.flatMap((m) => {
      const reasons: string[] = [];
      if (m.spf.records.length > 1)
        reasons.push(`${m.spf.records.length} SPF records: ${m.spf.records.map((r) => `"${r}"`).join(', ')}`);
      const e = m.spf.evaluation;
      if (e) {
        reasons.push(...e.errors);
        if (e.lookups > 10 && !e.errors.some((x) => x.includes('DNS-querying')))
          reasons.push(`${e.lookups} DNS lookups`);
      }
      if (reasons.length === 0) return [];
      return [
        buildFinding(definition, {
          target: { domain: m.domain },
          evidence: `${e ? `"${e.record}" ` : ''}${reasons.slice(0, 6).join('; ')}${e ? ` (${e.lookups} lookups)` : ''}`,
        }),
      ];
    });
  },
};
