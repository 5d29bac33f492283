import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { answered, apexDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.dmarc-missing',
  category: 'identity-spoofing',
  severity: 'medium',
  title: {
    fr: 'Aucune politique DMARC valide',
    en: 'No valid DMARC policy',
  },
  description: {
    fr: "Le domaine ne publie pas de politique DMARC exploitable (enregistrement « _dmarc » absent, invalide ou en double). Sans DMARC, les messageries destinataires ne savent pas quoi faire d'un courriel qui usurpe l'adresse visible « De : » de l'hôpital, même si SPF ou DKIM échouent, et l'établissement ne reçoit aucun rapport sur les usurpations en cours.",
    en: 'The domain publishes no usable DMARC policy ("_dmarc" record missing, invalid or duplicated). Without DMARC, receiving mail systems do not know what to do with a message that forges the hospital\'s visible "From:" address, even when SPF or DKIM fail, and the organisation receives no report of ongoing impersonation.',
  },
  recommendation: {
    fr: 'Publier « _dmarc.<domaine> TXT "v=DMARC1; p=none; rua=mailto:dmarc@<domaine>" », analyser les rapports quelques semaines, corriger SPF/DKIM des émetteurs légitimes, puis passer à « p=quarantine » et enfin « p=reject ». Vérification : « dig TXT _dmarc.<domaine> » renvoie un seul enregistrement v=DMARC1 avec p= et rua=.',
    en: 'Publish "_dmarc.<domain> TXT \\"v=DMARC1; p=none; rua=mailto:dmarc@<domain>\\"", study the reports for a few weeks, fix SPF/DKIM of legitimate senders, then move to "p=quarantine" and finally "p=reject". Verify: "dig TXT _dmarc.<domain>" returns a single v=DMARC1 record with p= and rua=.',
  },
  references: [REF.rfc7489, REF.anssiDomains, REF.internetNl],
};

/** `mail.dmarc-missing`: a domain target without exactly one valid `v=DMARC1` record. */
export const mailDmarcMissingCheck: Check = {
  definition,
  evaluate(input) {
    return apexDomains(input).flatMap((m) => {
      const d = m.dmarc;
      if (d === null || d.record !== null || !answered(d.rcode)) return [];
      const what =
        d.records.length === 0
          ? `no v=DMARC1 record (${d.rcode})`
          : `${d.records.map((r) => `"${r}"`).join(', ')} ignored by receivers: ${d.errors.join('; ')}`;
      return [buildFinding(definition, { target: { domain: m.domain }, evidence: `TXT ${d.name}: ${what}` })];
    });
  },
};
