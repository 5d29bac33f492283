/**
 * Applies one batch of parsed contributions inside the caller's transaction: incremental
 * (an NVD or CVE 5 record replaces the stored one only when its `lastModified`/`dateUpdated` is
 * newer; KEV and EPSS update their own fields when they differ), idempotent (the same file twice
 * changes nothing), and it tracks material changes (score, KEV, description, affected products).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CveTable } from '../../db/tables/vuln-watch-kb.js';
import { toDbJson } from '../../db/portable.js';
import {
  candidateNames,
  cveSearchText,
  materialFieldsOf,
  materialHash,
  mergeCve,
  type CveParts,
} from './cve.merge.js';
import {
  findCveStates,
  findEpssStates,
  replaceCveProducts,
  updateCveEpss,
  upsertCves,
  type StoredCve,
} from './cve.repository.js';
import { ALERT_THRESHOLD } from './scores/score-selection.js';
import type { Contribution, EpssContribution } from './sources/source-record.js';
import type { Cve } from './vuln-watch.types.js';

/** What a batch did, per contribution. */
export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Older than what is stored: ignored. */
  older: number;
  /** EPSS rows for CVEs the knowledge base does not hold: ignored. */
  unknownCve: number;
}

/** The batch's counts and the CVEs that became worth a bulletin proposal. */
export interface BatchResult extends BatchCounts {
  /** New or materially changed, published, score ≥ 7 or KEV. */
  readonly alertIds: string[];
}

interface Working {
  parts: { -readonly [K in keyof CveParts]: CveParts[K] };
  readonly stored: StoredCve | undefined;
  dirty: boolean;
  created: boolean;
}

function emptyParts(id: string): Working['parts'] {
  return { id, nvd: null, cve5: null, kev: null, epss: null };
}

function applyOne(w: Working, c: Exclude<Contribution, EpssContribution>): 'applied' | 'unchanged' | 'older' {
  if (c.source === 'kev') {
    if (w.parts.kev && JSON.stringify(w.parts.kev) === JSON.stringify(c)) return 'unchanged';
    w.parts.kev = c;
    return 'applied';
  }
  const current = w.parts[c.source];
  if (current && c.modifiedAt < current.modifiedAt) return 'older';
  if (current && c.modifiedAt === current.modifiedAt) return 'unchanged';
  w.parts[c.source] = c;
  return 'applied';
}

function toRow(w: Working, now: string): { row: Insertable<CveTable>; cve: Cve; alert: boolean } {
  const draft = mergeCve(w.parts, now);
  const hash = materialHash(materialFieldsOf(draft));
  const materialChanged = !w.stored || w.stored.materialHash !== hash;
  const changedAt = materialChanged ? now : w.stored.materialChangedAt;
  const cve = { ...draft, materialChangedAt: changedAt };
  const { nvd, cve5, kev, epss } = w.parts;
  const row: Insertable<CveTable> = {
    id: cve.id,
    state: cve.state ?? 'PUBLISHED',
    published_at: cve.publishedAt,
    source_modified_at: cve.sourceModifiedAt,
    vuln_status: cve.vulnStatus,
    title: cve.title,
    description: cve.description,
    selected_score: cve.selectedScore?.score ?? null,
    severity: cve.severity,
    kev: cve.kev ? 1 : 0,
    kev_date_added: cve.kev?.dateAdded ?? null,
    epss_score: epss?.score ?? null,
    epss_percentile: epss?.percentile ?? null,
    epss_date: epss?.date ?? null,
    sources: cve.sources.join(','),
    material_hash: hash,
    material_changed_at: changedAt,
    search_text: cveSearchText(cve),
    nvd_modified_at: nvd?.modifiedAt ?? null,
    nvd_data: nvd ? toDbJson(nvd) : null,
    cve5_modified_at: cve5?.modifiedAt ?? null,
    cve5_data: cve5 ? toDbJson(cve5) : null,
    kev_data: kev ? toDbJson(kev) : null,
    created_at: w.stored?.createdAt ?? now,
    updated_at: now,
  };
  const alert =
    materialChanged &&
    cve.state !== 'REJECTED' &&
    ((cve.selectedScore?.score ?? 0) >= ALERT_THRESHOLD || cve.kev !== null);
  return { row, cve, alert };
}

async function applyEpss(
  db: Kysely<Database>,
  rows: readonly EpssContribution[],
  now: string,
  counts: BatchCounts,
): Promise<void> {
  const latest = new Map<string, EpssContribution>();
  for (const r of rows) {
    const seen = latest.get(r.id);
    if (!seen || r.epss.date >= seen.epss.date) latest.set(r.id, r);
  }
  const states = await findEpssStates(db, [...latest.keys()]);
  const updates: { id: string; score: number; percentile: number; date: string }[] = [];
  for (const r of rows) {
    const state = states.get(r.id);
    if (!state) counts.unknownCve++;
    else if (state.date !== null && r.epss.date < state.date) counts.older++;
    else if (state.date === r.epss.date && state.score === r.epss.score) counts.unchanged++;
    else {
      counts.updated++;
      if (latest.get(r.id) === r) updates.push({ id: r.id, ...r.epss });
      states.set(r.id, { date: r.epss.date, score: r.epss.score });
    }
  }
  await updateCveEpss(db, updates, now);
}

/** Applies a batch in `db` (a transaction); see the file comment. */
export async function applyContributions(
  db: Kysely<Database>,
  batch: readonly Contribution[],
  now: string,
): Promise<BatchResult> {
  const counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0, older: 0, unknownCve: 0 };
  const records = batch.filter((c): c is Exclude<Contribution, EpssContribution> => c.source !== 'epss');
  const epss = batch.filter((c): c is EpssContribution => c.source === 'epss');
  const alertIds: string[] = [];

  if (records.length > 0) {
    const stored = await findCveStates(db, [...new Set(records.map((c) => c.id))]);
    const working = new Map<string, Working>();
    for (const c of records) {
      let w = working.get(c.id);
      if (!w) {
        const s = stored.get(c.id);
        w = { parts: s ? { ...s.parts } : emptyParts(c.id), stored: s, dirty: false, created: false };
        working.set(c.id, w);
      }
      const outcome = applyOne(w, c);
      if (outcome === 'applied') {
        if (!w.stored && !w.created) {
          counts.inserted++;
          w.created = true;
        } else counts.updated++;
        w.dirty = true;
      } else counts[outcome]++;
    }
    const dirty = [...working.values()].filter((w) => w.dirty);
    const built = dirty.map((w) => {
      const r = toRow(w, now);
      if (r.alert) alertIds.push(w.parts.id);
      return { w, ...r };
    });
    await upsertCves(
      db,
      built.map((b) => b.row),
    );
    const names = built.flatMap(({ w, cve }) =>
      candidateNames(cve, w.parts.kev).map((n) => ({
        cve_id: w.parts.id,
        vendor_key: n.vendorKey,
        product_key: n.productKey,
        vendor: n.vendor,
        product: n.product,
        source: n.source,
      })),
    );
    await replaceCveProducts(
      db,
      dirty.map((w) => w.parts.id),
      names,
    );
  }
  if (epss.length > 0) await applyEpss(db, epss, now, counts);
  return { ...counts, alertIds };
}
