import { buildFinding } from '../findings/finding.build.js';
import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { REF } from './references.js';

const definition: CheckDefinition = {
  id: 'mail.spf-permissive',
  category: 'identity-spoofing',
  severity: 'high',
  title: {
    fr: 'Enregistrement SPF trop permissif',
    en: 'SPF record too permissive',
  },
  description: {
    fr: "L'enregistrement SPF du domaine autorise tout le monde (« +all », ou un include qui le fait), reste neutre pour les expéditeurs inconnus (« ?all » ou aucune règle finale), ou autorise des réseaux démesurés. Il ne protège donc pas : un usurpateur peut envoyer des courriels au nom de l'hôpital et passer le contrôle SPF, ce qui rend les campagnes d'hameçonnage visant patients, personnels et fournisseurs bien plus crédibles.",
    en: 'The domain\'s SPF record authorises everybody ("+all", or an include that does), stays neutral for unknown senders ("?all" or no final rule), or authorises oversized networks. It therefore protects nothing: an impostor can send e-mail in the hospital\'s name and pass the SPF check, which makes phishing against patients, staff and suppliers far more credible.',
  },
  recommendation: {
    fr: "Terminer l'enregistrement par « -all » (ou « ~all » pendant une courte phase de mise au point) et ne lister que les émetteurs réels : adresses ou petits réseaux des serveurs de messagerie, « include: » des prestataires effectivement utilisés ; retirer tout « +all » et les plages trop larges. Vérification : « dig TXT <domaine> » montre un enregistrement finissant par -all, et un test SPF (internet.nl, outil du prestataire) le juge strict.",
    en: 'End the record with "-all" (or "~all" during a short tuning phase) and list only the real senders: addresses or small networks of the mail servers, "include:" for providers actually used; remove any "+all" and oversized ranges. Verify: "dig TXT <domain>" shows a record ending in -all, and an SPF test (internet.nl, the provider\'s tool) rates it strict.',
  },
  references: [REF.rfc7208, REF.anssiDomains, REF.internetNl],
};

/**
 * `mail.spf-permissive`: every sender passes (`+all`, directly or through an include or redirect),
 * the default is neutral (`?all`, or no `all` and no redirect), or networks larger than a /16 (IPv4)
 * or /32 (IPv6) are authorised (medium).
 */
export const mailSpfPermissiveCheck: Check = {
  definition,
  evaluate(input) {
    return input.mail.flatMap((m) => {
      const e = m.spf.evaluation;
      if (e === null) return [];
      const reasons: string[] = [];
      let severity: 'high' | 'medium' = 'high';
      if (e.passesEverythingVia !== null)
        reasons.push(`every sender passes through "${e.passesEverythingVia}"`);
      else if (e.defaultQualifier === '?') reasons.push('"?all": unknown senders are neutral, not rejected');
      else if (e.defaultQualifier === null)
        reasons.push('no "all" and no redirect: unknown senders are neutral');
      if (reasons.length === 0 && e.broadNetworks.length > 0) severity = 'medium';
      if (e.broadNetworks.length > 0)
        reasons.push(`oversized networks authorised: ${e.broadNetworks.join(' ')}`);
      if (reasons.length === 0) return [];
      return [
        buildFinding(definition, {
          target: { domain: m.domain },
          severity,
          evidence: `TXT ${m.domain} "${e.record}": ${reasons.join('; ')}`,
        }),
      ];
    });
  },
};
