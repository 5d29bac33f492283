/**
 * The public indicators: CVEs per month by severity and KEV additions per month (knowledge
 * base), bulletins per product category (this part), incidents per month by category (read
 * through `IncidentStatistics`, which the incidents module will implement).
 *
 * The incidents provider is a parameter, `noIncidentStatistics` (always empty) by default: the
 * incidents module, once written, passes its implementation where the indicator pages are
 * registered (`registerIndicatorPages(app, { incidents })` in this module's `index.ts`).
 */
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { countPublishedBulletinsByCategory } from './bulletin.queries.js';
import { noIncidentStatistics, type IncidentStatistics, type Indicators } from './indicators.types.js';
import { cveCountsByMonth, kevAdditionsByMonth, type MonthlySeverityCount } from './kb.js';
import { canReadPublishedBulletins } from './vuln-watch.policy.js';
import type { Severity } from './vuln-watch.types.js';

/** How far back the indicators look by default (months, current one included). */
export const DEFAULT_MONTHS = 24;

/** The first month (YYYY-MM) of a window of `months` months ending with the month of `now`. */
export function defaultFrom(now: Date, months = DEFAULT_MONTHS): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  return d.toISOString().slice(0, 7);
}

/** Every month from `from` to `to` (YYYY-MM, both included); at most 600. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (out.length < 600) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const EMPTY: Readonly<Record<Severity, number>> = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unscored: 0 };

/** Gathers the indicators from `from` (YYYY-MM) to the current month. */
export async function buildIndicators(ctx: ServiceContext, options: { from: string }, incidents: IncidentStatistics = noIncidentStatistics): Promise<Indicators> {
  authorize(ctx.actor, canReadPublishedBulletins(ctx.actor));
  const from = options.from.slice(0, 7);
  const fromDate = `${from}-01`;
  const now = ctx.clock.now().toISOString().slice(0, 7);
  const months = monthsBetween(from, now);
  const [cves, kev, bulletins, declared] = await Promise.all([
    cveCountsByMonth(ctx.db, { from: fromDate }),
    kevAdditionsByMonth(ctx.db, { from: fromDate }),
    countPublishedBulletinsByCategory(ctx.db, fromDate),
    incidents.incidentsPerMonth(fromDate),
  ]);
  const inWindow = (month: string) => month >= from && month <= now;
  const cveByMonth = new Map(cves.map((c) => [c.month, c]));
  const kevByMonth = new Map(kev.map((k) => [k.month, k.count]));
  const cvesBySeverity: MonthlySeverityCount[] = months.map((month) => cveByMonth.get(month) ?? { month, counts: { ...EMPTY }, total: 0 });
  return {
    from,
    months,
    cvesBySeverity,
    kevAdditions: months.map((month) => ({ month, count: kevByMonth.get(month) ?? 0 })),
    bulletinsByCategory: bulletins,
    incidents: declared.filter((d) => inWindow(d.month)),
    incidentsAvailable: incidents !== noIncidentStatistics,
  };
}
