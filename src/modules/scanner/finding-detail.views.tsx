/** Blocks of a finding's page: facts, known vulnerabilities, references, history, triage form. */
import type { HygieError } from '../../lib/errors.js';
import { ErrorAlert } from '../../platform/http/error-alert.js';
import { CsrfField } from '../../platform/http/layout.js';
import { TableHead } from '../../platform/http/table-head.js';
import { translator, type Lang, type Translate } from '../../platform/i18n/i18n.js';
import { SCAN_ACTOR } from './finding-lifecycle.service.js';
import type { FindingEvent, FindingRecord } from './finding.repository.js';
import { FINDING_STATUSES } from './finding.service.js';
import { FindingStatusBadge } from './finding.views.js';
import { describeTarget } from './findings/finding-table.js';
import type { Finding, FindingStatus } from './findings/finding.types.js';
import { when } from './scan.views.js';
import { FINDING_STATUS_LABELS, SCAN_REASON_KEYS, scannerMessages } from './scanner.messages.js';

/** A history reason: the scan writes codes, shown in the reader's language; analysts write text. */
function reasonText(
  actor: string | null,
  reason: string | null,
  t: Translate<keyof typeof scannerMessages>,
): string {
  if (reason === null) return '';
  const key = actor === SCAN_ACTOR ? SCAN_REASON_KEYS[reason] : undefined;
  return key ? t(key) : reason;
}

type MessageKey = keyof typeof scannerMessages;

function Term({ label }: { label: string }): JSX.Element {
  return (
    <dt class="col-sm-3" safe>
      {label}
    </dt>
  );
}

/** Paragraphs of a catalogue text (blank lines separate them). */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p safe>{p}</p>
        ))}
    </>
  );
}

/** Where, whose, since when, and the CERT's decision. */
export function FindingFacts(props: {
  record: FindingRecord;
  ownerName: string | undefined;
  lang: Lang;
}): JSX.Element {
  const { record, lang } = props;
  const t = translator(lang, scannerMessages);
  return (
    <dl class="row small">
      <Term label={t('target')} />
      <dd class="col-sm-9 text-break" safe>
        {describeTarget(record.finding.target)}
      </dd>
      <Term label={t('structureLink')} />
      <dd class="col-sm-9">
        {record.structureId ? (
          <a href={`/structures/${record.structureId}`} safe>
            {props.ownerName ?? record.structureId}
          </a>
        ) : (
          <span safe>{t('unknownStructure')}</span>
        )}
      </dd>
      <Term label={t('firstSeen')} />
      <dd class="col-sm-9">
        <a href={`/scans/${record.firstScanId}`} safe>
          {when(record.firstSeenAt, lang)}
        </a>
      </dd>
      <Term label={t('lastSeen')} />
      <dd class="col-sm-9">
        <a href={`/scans/${record.lastScanId}`} safe>
          {when(record.lastSeenAt, lang)}
        </a>
      </dd>
      <Term label={t('findingStatus')} />
      <dd class="col-sm-9">
        <FindingStatusBadge status={record.status} lang={lang} />
        {record.statusBy ? (
          <span class="ms-2" safe>
            {record.statusBy === SCAN_ACTOR
              ? t('statusSetByScan', { when: when(record.statusAt, lang) })
              : t('statusSetBy', { who: record.statusBy, when: when(record.statusAt, lang) })}
          </span>
        ) : (
          ''
        )}
        {record.statusReason ? (
          <p class="mb-0 mt-1" safe>
            {`${t('reason')} : ${reasonText(record.statusBy, record.statusReason, t)}`}
          </p>
        ) : (
          ''
        )}
      </dd>
    </dl>
  );
}

/** CVEs, CVSS and KEV, when the finding comes from a known vulnerability. */
export function VulnerabilitySection({ finding: f, lang }: { finding: Finding; lang: Lang }): JSX.Element {
  if (f.cve.length === 0 && f.cvss === null && !f.kev) return <></>;
  const t = translator(lang, scannerMessages);
  return (
    <section>
      <h2 class="h5" safe>
        {t('vulnerabilities')}
      </h2>
      <dl class="row small">
        {f.cve.length > 0 ? <Term label="CVE" /> : ''}
        {f.cve.length > 0 ? (
          <dd class="col-sm-9">
            {f.cve.map((cve) =>
              // Only well-formed ids point to the CVE pages of the knowledge base.
              /^CVE-\d{4}-\d{4,}$/.test(cve) ? (
                <a class="me-2" href={`/cves/${cve}`} safe>
                  {cve}
                </a>
              ) : (
                <span class="me-2" safe>
                  {cve}
                </span>
              ),
            )}
          </dd>
        ) : (
          ''
        )}
        {f.cvss !== null ? <Term label={t('cvss')} /> : ''}
        {f.cvss !== null ? (
          <dd class="col-sm-9" safe>
            {f.cvss.toFixed(1)}
          </dd>
        ) : (
          ''
        )}
        {f.cvssVector ? <Term label={t('cvssVector')} /> : ''}
        {f.cvssVector ? (
          <dd class="col-sm-9">
            <code safe>{f.cvssVector}</code>
          </dd>
        ) : (
          ''
        )}
      </dl>
      {f.kev ? (
        <p>
          <span class="badge text-bg-danger" safe>
            {t('kev')}
          </span>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

/** Only web addresses become links: a reference is data from a scan or a catalogue, not markup. */
function isWebAddress(reference: string): boolean {
  try {
    const url = new URL(reference);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function ReferenceList({
  references,
  lang,
}: {
  references: readonly string[];
  lang: Lang;
}): JSX.Element {
  if (references.length === 0) return <></>;
  const t = translator(lang, scannerMessages);
  return (
    <section>
      <h2 class="h5" safe>
        {t('references')}
      </h2>
      <ul class="small">
        {references.map((r) => (
          <li class="text-break">
            {isWebAddress(r) ? (
              <a href={r} rel="noopener noreferrer" safe>
                {r}
              </a>
            ) : (
              <span safe>{r}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const statusLabel = (status: FindingStatus | null, lang: Lang): string =>
  status ? FINDING_STATUS_LABELS[status][lang] : '—';

/** The status changes of a finding, oldest first (scans and analysts). */
export function HistoryTable({ events, lang }: { events: readonly FindingEvent[]; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  const columns: readonly MessageKey[] = ['date', 'fromStatus', 'toStatus', 'reason', 'by', 'scan'];
  return (
    <section>
      <h2 class="h5" safe>
        {t('history')}
      </h2>
      {events.length === 0 ? (
        <p safe>{t('historyNone')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle small">
            <caption class="visually-hidden" safe>
              {t('history')}
            </caption>
            <TableHead columns={columns.map((k) => t(k))} />
            <tbody>
              {events.map((e) => (
                <tr>
                  <td class="text-nowrap" safe>
                    {when(e.createdAt, lang)}
                  </td>
                  <td safe>{statusLabel(e.fromStatus, lang)}</td>
                  <td safe>{statusLabel(e.toStatus, lang)}</td>
                  <td safe>{reasonText(e.actor, e.reason, t)}</td>
                  <td safe>{e.actor === SCAN_ACTOR ? t('scanActor') : e.actor}</td>
                  <td>
                    {e.scanId ? (
                      <a href={`/scans/${e.scanId}`} safe>
                        {e.scanId}
                      </a>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The status form of CERT staff; after a refused change it shows what was sent and why. */
export function TriageForm(props: {
  record: FindingRecord;
  csrfToken: string;
  form: { status?: string; reason?: string };
  error: HygieError | undefined;
  lang: Lang;
}): JSX.Element {
  const { record, form, lang } = props;
  const t = translator(lang, scannerMessages);
  const current = form.status ?? record.status;
  return (
    <section class="card mb-4">
      <div class="card-body">
        <h2 class="h5 card-title" safe>
          {t('triage')}
        </h2>
        {props.error ? <ErrorAlert error={props.error} lang={lang} /> : ''}
        <form method="post" action={`/findings/${record.finding.id}/status`}>
          <CsrfField token={props.csrfToken} />
          <div class="mb-3">
            <label class="form-label" for="finding-status" safe>
              {t('newStatus')}
            </label>
            <select class="form-select" id="finding-status" name="status">
              {FINDING_STATUSES.map((s) => (
                <option value={s} selected={s === current} safe>
                  {FINDING_STATUS_LABELS[s][lang]}
                </option>
              ))}
            </select>
          </div>
          <div class="mb-3">
            <label class="form-label" for="finding-reason" safe>
              {t('reason')}
            </label>
            <textarea
              class="form-control"
              id="finding-reason"
              name="reason"
              rows="3"
              maxlength="2000"
              aria-describedby="finding-reason-help"
              safe
            >
              {form.reason ?? ''}
            </textarea>
            <div id="finding-reason-help" class="form-text" safe>
              {t('reasonHelp')}
            </div>
          </div>
          <button type="submit" class="btn btn-primary" safe>
            {t('save')}
          </button>
        </form>
      </div>
    </section>
  );
}
