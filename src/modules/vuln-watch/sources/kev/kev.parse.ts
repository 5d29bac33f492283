/**
 * CISA Known Exploited Vulnerabilities catalogue: one `vulnerabilities[]` entry → KEV facts for
 * a CVE. Pure; never throws.
 */
import { asObject, asText, CVE_ID, type KevContribution, type ParseOutcome } from '../source-record.js';

/** Parses one catalogue entry. */
export function parseKevEntry(raw: unknown): ParseOutcome<KevContribution> {
  const e = asObject(raw);
  if (!e) return { ok: false, id: null, reason: 'not a KEV entry (not an object)' };
  const id = asText(e.cveID);
  if (!id || !CVE_ID.test(id))
    return { ok: false, id, reason: `cveID ${JSON.stringify(e.cveID ?? null)} is not a CVE identifier` };
  const dateAdded = asText(e.dateAdded);
  if (!dateAdded || !/^\d{4}-\d{2}-\d{2}$/.test(dateAdded)) {
    return {
      ok: false,
      id,
      reason: `dateAdded ${JSON.stringify(e.dateAdded ?? null)} is not a YYYY-MM-DD date`,
    };
  }
  const ransomware = asText(e.knownRansomwareCampaignUse);
  return {
    ok: true,
    problems: [],
    value: {
      source: 'kev',
      id,
      description: asText(e.shortDescription) ?? '',
      entry: {
        dateAdded,
        dueDate: asText(e.dueDate),
        requiredAction: asText(e.requiredAction),
        vulnerabilityName: asText(e.vulnerabilityName),
        knownRansomwareCampaignUse: ransomware === 'Known' || ransomware === 'Unknown' ? ransomware : null,
        vendorProject: asText(e.vendorProject),
        product: asText(e.product),
      },
    },
  };
}
