/** Pieces of the findings pages, and the findings section of a scan's page. */
import { FilterActions, FilterInput, FilterSelect } from '../../platform/http/filter-fields.js';
import { TableHead } from '../../platform/http/table-head.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { checks } from './checks/index.js';
import type { FindingRecord } from './finding.repository.js';
import type { FindingPageQuery } from './finding.schemas.js';
import { FINDING_STATUSES, getScanDiff, type ScanDiff } from './finding.service.js';
import type { FindingChange } from './findings/finding-lifecycle.js';
import { describeTarget } from './findings/finding-table.js';
import type { Finding, FindingSeverity, FindingStatus } from './findings/finding.types.js';
import { SEVERITIES } from './findings/severity.js';
import { when } from './scan.views.js';
import { ScannerErrors } from './scanner.errors.js';
import {
  FINDING_CATEGORY_LABELS,
  FINDING_CHANGE_LABELS,
  FINDING_SEVERITY_LABELS,
  FINDING_STATUS_LABELS,
  scannerMessages,
} from './scanner.messages.js';

/** Bootstrap badge classes of the theme; the label is always written too (never colour alone). */
const SEVERITY_BADGES: Readonly<Record<FindingSeverity, string>> = {
  critical: 'text-bg-danger',
  high: 'text-bg-warning',
  medium: 'text-bg-info',
  low: 'text-bg-secondary',
  info: 'text-bg-light border',
};

const STATUS_BADGES: Readonly<Record<FindingStatus, string>> = {
  open: 'text-bg-primary',
  acknowledged: 'text-bg-info',
  resolved: 'text-bg-success',
  'false-positive': 'text-bg-secondary',
  'accepted-risk': 'text-bg-warning',
};

const CHANGE_BADGES: Readonly<Record<FindingChange, string>> = {
  new: 'text-bg-danger',
  still: 'text-bg-secondary',
  fixed: 'text-bg-success',
};

export function SeverityBadge({ severity, lang }: { severity: FindingSeverity; lang: Lang }): JSX.Element {
  return (
    <span class={`badge ${SEVERITY_BADGES[severity] ?? 'text-bg-secondary'}`} safe>
      {FINDING_SEVERITY_LABELS[severity]?.[lang] ?? severity}
    </span>
  );
}

export function FindingStatusBadge({ status, lang }: { status: FindingStatus; lang: Lang }): JSX.Element {
  return (
    <span class={`badge ${STATUS_BADGES[status]}`} safe>
      {FINDING_STATUS_LABELS[status][lang]}
    </span>
  );
}

/** A category in the reader's language (a newer category than this code reads as its id). */
export function categoryLabel(category: string, lang: Lang): string {
  return (
    (FINDING_CATEGORY_LABELS as Readonly<Record<string, { fr: string; en: string }>>)[category]?.[lang] ??
    category
  );
}

/** A finding's title in the page language. */
export function titleOf(finding: Finding, lang: Lang): string {
  return (lang === 'fr' ? finding.titleFr : finding.titleEn) || finding.title;
}

/** One page of stored findings. */
export function FindingsTable({
  records,
  lang,
}: {
  records: readonly FindingRecord[];
  lang: Lang;
}): JSX.Element {
  const t = translator(lang, scannerMessages);
  if (records.length === 0) return <p safe>{t('noFindings')}</p>;
  return (
    <div class="table-responsive">
      <table class="table table-sm table-striped align-middle">
        <caption class="visually-hidden" safe>
          {t('findings')}
        </caption>
        <TableHead
          columns={(
            ['severity', 'check', 'target', 'findingTitle', 'findingStatus', 'lastSeen'] as const
          ).map((k) => t(k))}
        />
        <tbody>
          {records.map((r) => (
            <tr>
              <td>
                <SeverityBadge severity={r.finding.severity} lang={lang} />
              </td>
              <td class="small">
                <code safe>{r.finding.check}</code>
              </td>
              <td class="small text-break" safe>
                {describeTarget(r.finding.target)}
              </td>
              <td>
                <a href={`/findings/${r.finding.id}`} safe>
                  {titleOf(r.finding, lang)}
                </a>
              </td>
              <td>
                <FindingStatusBadge status={r.status} lang={lang} />
              </td>
              <td class="text-nowrap small" safe>
                {when(r.lastSeenAt, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The filters of the findings list (a GET form: the URL can be shared). */
export function FindingFilters(props: {
  query: FindingPageQuery;
  structures: readonly { id: string; name: string }[];
  lang: Lang;
}): JSX.Element {
  const { query, lang } = props;
  const t = translator(lang, scannerMessages);
  const definitions = checks.map((c) => c.definition).sort((a, b) => a.id.localeCompare(b.id));
  return (
    <form method="get" action="/findings" class="row g-2 align-items-end mb-3" role="search">
      <FilterSelect
        id="f-severity"
        name="severity"
        label={t('severity')}
        col={2}
        value={query.severity}
        blank={t('any')}
        options={SEVERITIES.map((s) => ({ value: s, label: FINDING_SEVERITY_LABELS[s][lang] }))}
      />
      <FilterSelect
        id="f-category"
        name="category"
        label={t('category')}
        col={3}
        value={query.category}
        blank={t('any')}
        options={Object.entries(FINDING_CATEGORY_LABELS).map(([id, label]) => ({
          value: id,
          label: label[lang],
        }))}
      />
      <FilterSelect
        id="f-check"
        name="check"
        label={t('check')}
        col={4}
        value={query.check}
        blank={t('any')}
        options={definitions.map((d) => ({ value: d.id, label: `${d.id} — ${d.title[lang]}` }))}
      />
      <FilterSelect
        id="f-status"
        name="status"
        label={t('findingStatus')}
        col={3}
        value={query.status}
        blank={t('statusToHandle')}
        extra={[{ value: 'all', label: t('statusAll') }]}
        options={FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s][lang] }))}
      />
      <FilterSelect
        id="f-structure"
        name="structure"
        label={t('structure')}
        col={3}
        value={query.structure}
        blank={t('any')}
        options={props.structures.map((s) => ({ value: s.id, label: s.name }))}
      />
      <FilterInput id="f-scan" name="scan" label={t('scanFilter')} col={3} value={query.scan} />
      <FilterInput id="f-q" name="q" label={t('searchText')} col={3} value={query.q} type="search" />
      <FilterActions col={3} submit={t('filter')} reset={t('resetFilters')} resetHref="/findings" />
    </form>
  );
}

/**
 * The diff of a scan for its page, or undefined when there is none to show: not assessed (yet), or
 * a base scan the reader may not see (then the comparison would tell of it).
 */
export async function scanDiffOrNothing(ctx: ServiceContext, scanId: string): Promise<ScanDiff | undefined> {
  try {
    return await getScanDiff(ctx, scanId);
  } catch (error) {
    if (
      error instanceof HygieError &&
      (error.code === ScannerErrors.SCANNER_DIFF_UNAVAILABLE.code ||
        error.code === CommonErrors.COMMON_NOT_FOUND.code)
    )
      return undefined;
    throw error;
  }
}

/** The findings section of a scan's page: moves since the base scan, entries per severity. */
export function ScanFindingsSection({ diff, lang }: { diff: ScanDiff | undefined; lang: Lang }): JSX.Element {
  if (!diff) return <></>;
  const t = translator(lang, scannerMessages);
  const { base, counts, scan } = diff;
  return (
    <section class="mb-4" aria-labelledby="scan-findings-title">
      <h2 class="h5" id="scan-findings-title" safe>
        {t('scanFindings')}
      </h2>
      <p class="small mb-1">
        {base ? (
          <>
            <span safe>{t('diffBase')}</span>{' '}
            <a href={`/scans/${base.id}`} safe>
              {when(base.finishedAt ?? base.createdAt, lang)}
            </a>
          </>
        ) : (
          <span safe>{t('diffNoBase')}</span>
        )}
      </p>
      <p class="fw-semibold" safe>
        {t('diffCounts', { new: counts.new, still: counts.still, fixed: counts.fixed })}
      </p>
      {diff.entries.length === 0 ? <p safe>{t('noScanFindings')}</p> : ''}
      {SEVERITIES.map((severity) => {
        const entries = diff.entries.filter((e) => e.finding.severity === severity);
        if (entries.length === 0) return '';
        return (
          <div class="table-responsive">
            <table class="table table-sm align-middle">
              <caption class="caption-top">
                <SeverityBadge severity={severity} lang={lang} /> <span safe>{`(${entries.length})`}</span>
              </caption>
              <TableHead
                columns={(['change', 'findingTitle', 'target', 'findingStatus'] as const).map((k) => t(k))}
              />
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>
                      <span class={`badge ${CHANGE_BADGES[e.change]}`} safe>
                        {FINDING_CHANGE_LABELS[e.change][lang]}
                      </span>
                    </td>
                    <td>
                      <a href={`/findings/${e.finding.id}`} safe>
                        {titleOf(e.finding, lang)}
                      </a>
                    </td>
                    <td class="small text-break" safe>
                      {describeTarget(e.finding.target)}
                    </td>
                    <td>
                      <FindingStatusBadge status={e.status} lang={lang} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      <p class="d-flex gap-3">
        <a href={`/findings?scan=${encodeURIComponent(scan.id)}`} safe>
          {t('scanFindingsLink')}
        </a>
        <a href={`/api/v1/scans/${encodeURIComponent(scan.id)}/sarif`} download="" safe>
          {t('scanSarifLink')}
        </a>
      </p>
    </section>
  );
}
