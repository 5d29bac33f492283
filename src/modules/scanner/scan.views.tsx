/** Pieces shared by the scanner pages: status badge, progress, result tables. */
import { formatDateTime, translator, type Lang } from '../../platform/i18n/i18n.js';
import { STAGE_KEYS, STATUS_KEYS, scannerMessages } from './scanner.messages.js';
import type { ScanSummary } from './scan.service.js';
import type { ScanResult, ScanStatus, ServiceObservation } from './scanner.types.js';
import { TableHead } from '../../platform/http/table-head.js';

const BADGES: Record<ScanStatus, string> = {
  queued: 'text-bg-secondary',
  running: 'text-bg-primary',
  completed: 'text-bg-success',
  partial: 'text-bg-warning',
  failed: 'text-bg-danger',
};

/** The status of a run as a coloured badge. */
export function StatusBadge({ status, lang }: { status: ScanStatus; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  return (
    <span class={`badge ${BADGES[status]}`} safe>
      {t(STATUS_KEYS[status])}
    </span>
  );
}

/** A stage name in the reader's language. */
export function stageLabel(stage: string, lang: Lang): string {
  const key = STAGE_KEYS[stage];
  return key ? translator(lang, scannerMessages)(key) : stage;
}

/**
 * Live progress of a run. While it runs, the block polls its own URL every 2 s (htmx) and replaces
 * itself; the fragment route asks for a page refresh once the scan has ended.
 */
export function ProgressBlock({ scan, lang }: { scan: ScanSummary; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  const live = scan.status === 'queued' || scan.status === 'running';
  const p = scan.progress;
  const polling = live
    ? { 'hx-get': `/scans/${scan.id}/progress`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' }
    : {};
  return (
    <section id="scan-progress" class="mb-4" aria-live="polite" {...polling}>
      <h2 class="h5" safe>
        {t('progress')}
      </h2>
      <p class="mb-1">
        <StatusBadge status={scan.status} lang={lang} /> <span safe>{stageLabel(scan.stage, lang)}</span>
        {p && live ? (
          <span
            class="ms-2 text-body-secondary"
            safe
          >{`${stageLabel(p.stage, lang)} : ${p.done} / ${p.total}`}</span>
        ) : (
          ''
        )}
      </p>
      {p && live ? <progress class="w-100" value={String(p.done)} max={String(Math.max(p.total, 1))} /> : ''}
      <p class="small text-body-secondary mb-0" safe>
        {`${t('domains')} : ${scan.counts.domains} · ${t('hosts')} : ${scan.counts.hosts} · ${t('services')} : ${scan.counts.services}`}
      </p>
    </section>
  );
}

/** What a run was asked to do, by whom, and when it ran. */
export function ScanFacts({ scan, lang }: { scan: ScanSummary; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  return (
    <dl class="row small">
      <dt class="col-sm-2" safe>
        {t('targets')}
      </dt>
      <dd class="col-sm-10" safe>
        {scan.targets.join(', ')}
      </dd>
      <dt class="col-sm-2" safe>
        {t('ports')}
      </dt>
      <dd class="col-sm-10" safe>
        {scan.options.ports}
      </dd>
      <dt class="col-sm-2" safe>
        {t('started')}
      </dt>
      <dd class="col-sm-10" safe>
        {when(scan.startedAt, lang)}
      </dd>
      <dt class="col-sm-2" safe>
        {t('finished')}
      </dt>
      <dd class="col-sm-10" safe>
        {when(scan.finishedAt, lang)}
      </dd>
      <dt class="col-sm-2" safe>
        {t('by')}
      </dt>
      <dd class="col-sm-10" safe>
        {scan.createdBy}
      </dd>
    </dl>
  );
}

/** Hosts and services of a result; addresses link to the host pages when the host is an asset. */
export function HostsTable({
  result,
  assetIds,
  lang,
}: {
  result: ScanResult;
  assetIds: Readonly<Record<string, string>>;
  lang: Lang;
}): JSX.Element {
  const t = translator(lang, scannerMessages);
  if (result.hosts.length === 0) return <p safe>{t('noHosts')}</p>;
  return (
    <div class="table-responsive">
      <table class="table table-sm table-striped align-middle">
        <caption class="visually-hidden" safe>
          {t('services')}
        </caption>
        <TableHead
          columns={[
            t('address'),
            t('names'),
            t('port'),
            t('protocol'),
            t('product'),
            t('version'),
            t('banner'),
          ]}
        />
        <tbody>
          {result.hosts.flatMap((host) => {
            const id = assetIds[host.address];
            const address = id ? (
              <a href={`/hosts/${id}`} safe>
                {host.address}
              </a>
            ) : (
              <span safe>{host.address}</span>
            );
            const rows: (ServiceObservation | null)[] = host.services.length > 0 ? host.services : [null];
            return rows.map((s, i) => {
              const names: string = i === 0 ? host.hostnames.join(', ') : '';
              const port: string = s ? `${s.port}/${s.transport}` : '—';
              const protocol: string = s ? `${s.protocol}${s.tls ? ' (TLS)' : ''}` : '';
              const product: string = s?.product ?? '';
              const version: string = s?.version ?? '';
              const banner: string = s?.banner ? s.banner.slice(0, 120) : '';
              return (
                <tr>
                  <td class="text-nowrap">{i === 0 ? address : ''}</td>
                  <td class="small" safe>
                    {names}
                  </td>
                  <td class="text-nowrap" safe>
                    {port}
                  </td>
                  <td safe>{protocol}</td>
                  <td safe>{product}</td>
                  <td safe>{version}</td>
                  <td class="small">
                    <code safe>{banner}</code>
                  </td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Domains of a result with their source, addresses and notes. */
export function DomainsTable({ result, lang }: { result: ScanResult; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  if (result.domains.length === 0) return <></>;
  return (
    <div class="table-responsive">
      <table class="table table-sm align-middle">
        <caption class="visually-hidden" safe>
          {t('domains')}
        </caption>
        <TableHead columns={[t('domains'), t('source'), t('addresses'), t('notes')]} />
        <tbody>
          {result.domains.map((d) => (
            <tr>
              <td safe>{d.name}</td>
              <td safe>{d.source}</td>
              <td class="small" safe>
                {(d.addresses ?? []).join(', ')}
              </td>
              <td class="small" safe>
                {(d.notes ?? []).join(' ; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The scope guard's refusals of a result. */
export function RefusedList({ result, lang }: { result: ScanResult; lang: Lang }): JSX.Element {
  const t = translator(lang, scannerMessages);
  if (result.scan.refused.length === 0) return <></>;
  return (
    <section class="mb-4">
      <h2 class="h5" safe>
        {t('refused')}
      </h2>
      <p class="small text-body-secondary" safe>
        {t('refusedIntro')}
      </p>
      <table class="table table-sm">
        <TableHead columns={[t('target'), t('reason')]} />
        <tbody>
          {result.scan.refused.map((r) => (
            <tr>
              <td safe>{r.target}</td>
              <td safe>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Date of a run for lists. */
export function when(iso: string | null, lang: Lang): string {
  return formatDateTime(iso, lang);
}
