/**
 * The indicators page: CVEs per month by severity, KEV additions per month, bulletins per
 * product category, and incidents declared per month by category.
 */
import type { MonthlySeverityCount } from './kb.js';

/** Incidents declared in a month, for one incident category. */
export interface IncidentMonthCount {
  /** YYYY-MM. */
  readonly month: string;
  /** The category of the incident taxonomy (e.g. `ransomware`, `phishing`). */
  readonly category: string;
  readonly count: number;
}

/**
 * What the indicators need from the incidents module, which will implement it: the number of
 * incidents declared per month and category since `from` (YYYY-MM-DD), public figures only
 * (counts, never the structures). Until that module exists, `noIncidentStatistics` answers [].
 */
export interface IncidentStatistics {
  incidentsPerMonth(from: string): Promise<IncidentMonthCount[]>;
}

/** The provider used until the incidents module implements `IncidentStatistics`: no incidents. */
export const noIncidentStatistics: IncidentStatistics = {
  incidentsPerMonth: () => Promise.resolve([]),
};

/** Everything the indicators page and its charts show. */
export interface Indicators {
  /** First month shown (YYYY-MM). */
  readonly from: string;
  /** Every month from `from` to the current month (YYYY-MM), the x axis of the monthly charts. */
  readonly months: readonly string[];
  readonly cvesBySeverity: readonly MonthlySeverityCount[];
  readonly kevAdditions: readonly { readonly month: string; readonly count: number }[];
  /** Published bulletins per product category (`none`: without catalogue product). */
  readonly bulletinsByCategory: readonly { readonly category: string; readonly count: number }[];
  readonly incidents: readonly IncidentMonthCount[];
  /** False while the incidents module does not provide statistics. */
  readonly incidentsAvailable: boolean;
}
