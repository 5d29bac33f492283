import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { apexDomains } from './mail-view.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.dmarc-weak',
  category: 'identity-spoofing',
  severity: 'low',
  title: {
    fr: 'Politique DMARC non appliquante ou sans rapports',
    en: 'DMARC policy not enforcing or without reports',
  },
  description: {
    fr: "Le domaine publie DMARC mais en mode observation (« p=none »), n'applique la politique qu'à une partie des messages (pct<100), laisse les sous-domaines en « sp=none », ou ne demande aucun rapport (pas de « rua »). Les courriels usurpant l'hôpital sont alors toujours délivrés, et personne dans l'établissement n'est averti des tentatives.",
    en: 'The domain publishes DMARC but in monitoring mode ("p=none"), applies it to only part of the messages (pct<100), leaves subdomains at "sp=none", or asks for no reports (no "rua"). Messages forging the hospital are still delivered, and nobody in the organisation is told about the attempts.',
  },
  recommendation: {
    fr: "Ajouter une adresse de rapports agrégés (rua=mailto:…) suivie par l'équipe informatique ou un prestataire, puis, une fois les émetteurs légitimes alignés (SPF/DKIM), passer progressivement à « p=quarantine » puis « p=reject » avec pct=100 et sans sp=none. Vérification : « dig TXT _dmarc.<domaine> » montre p=quarantine ou p=reject et un rua, et des rapports arrivent chaque jour.",
    en: 'Add an aggregate-report address (rua=mailto:…) read by the IT team or a provider, then, once legitimate senders are aligned (SPF/DKIM), move step by step to "p=quarantine" then "p=reject" with pct=100 and no sp=none. Verify: "dig TXT _dmarc.<domain>" shows p=quarantine or p=reject and an rua, and reports arrive daily.',
  },
  references: [REF.rfc7489, REF.anssiDomains],
};

/** `mail.dmarc-weak`: valid record with `p=none`, `sp=none` under a stricter `p`, `pct` below 100, or no `rua`. */
export const mailDmarcWeakCheck: Check = {
  definition,
  evaluate(input) {
    return apexDomains(input).flatMap((m) => {
      const r = m.dmarc?.record;
      if (!r) return [];
      const reasons: string[] = [];
      if (r.policy === 'none') reasons.push('p=none (monitoring only)');
      if (r.subdomainPolicy === 'none' && r.policy !== 'none')
        reasons.push('sp=none (subdomains not protected)');
      if (r.pct < 100 && r.policy !== 'none') reasons.push(`pct=${r.pct}`);
      if (r.rua.length === 0) reasons.push('no rua (no aggregate reports)');
      if (reasons.length === 0) return [];
      return [
        buildFinding(definition, {
          target: { domain: m.domain },
          evidence: `TXT ${m.dmarc?.name ?? `_dmarc.${m.domain}`} "${r.raw}": ${reasons.join('; ')}`,
        }),
      ];
    });
  },
};
