/**
 * Which TCP ports a scan tries: a shipped list (`top100`, `top1000`, `all`) or an explicit list
 * (`80,443,8000-8100`), minus excluded ports. Pure: parsing, formatting and chunking into the
 * (host × port range) tasks of the port stage.
 */
import { TOP_1000_PORTS, TOP_100_PORTS } from './port-lists.data.js';

export { TOP_100_PORTS, TOP_1000_PORTS } from './port-lists.data.js';

/** Names of the shipped lists. */
export const PORT_LIST_NAMES = ['top100', 'top1000', 'all'] as const;

/** A shipped list name. */
export type PortListName = (typeof PORT_LIST_NAMES)[number];

/** Outcome of reading a port specification typed by a user. */
export type PortSpecResult = { ok: true; value: number[] } | { ok: false; reason: string };

/** Most ports an explicit list may name (a whole range is `all`). */
const MAX_ITEMS = 10_000;

const NUMBER = /^\d{1,5}$/;

function portOf(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 65535 ? value : undefined;
}

/** Every port 1–65535, the 1,000 most useful first (so an interrupted `all` scan found the most). */
export function allPortsOrdered(): number[] {
  const seen = new Set(TOP_1000_PORTS);
  const rest: number[] = [];
  for (let p = 1; p <= 65535; p++) if (!seen.has(p)) rest.push(p);
  return [...TOP_1000_PORTS, ...rest];
}

/**
 * Reads `top100`, `top1000`, `all` or a comma list of ports and ranges (`80,443,8000-8100`) into
 * unique ports in scan order (list order; explicit lists keep the order written).
 */
export function parsePortSpec(spec: string): PortSpecResult {
  const text = spec.trim().toLowerCase();
  if (text === 'top100') return { ok: true, value: [...TOP_100_PORTS] };
  if (text === 'top1000') return { ok: true, value: [...TOP_1000_PORTS] };
  if (text === 'all') return { ok: true, value: allPortsOrdered() };
  return parsePortList(text);
}

/** Reads a comma list of ports and `low-high` ranges; an empty list is an error (nothing to scan). */
export function parsePortList(text: string): PortSpecResult {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) {
    return {
      ok: false,
      reason: 'No port given: write top100, top1000, all, or a list such as 80,443,8000-8100.',
    };
  }
  if (items.length > MAX_ITEMS) {
    return { ok: false, reason: `At most ${MAX_ITEMS} items in a port list; use ranges (1-1024) or "all".` };
  }
  const ports: number[] = [];
  const seen = new Set<number>();
  const add = (p: number): void => {
    if (!seen.has(p)) {
      seen.add(p);
      ports.push(p);
    }
  };
  for (const item of items) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    if (range) {
      const from = portOf(range[1] ?? '');
      const to = portOf(range[2] ?? '');
      if (from === undefined || to === undefined) {
        return { ok: false, reason: `"${item}": ports are whole numbers from 1 to 65535.` };
      }
      if (from > to) return { ok: false, reason: `"${item}": write ranges low-high, such as ${to}-${from}.` };
      for (let p = from; p <= to; p++) add(p);
      continue;
    }
    const port = portOf(item);
    if (port === undefined) {
      return {
        ok: false,
        reason: `"${item.slice(0, 40)}" is not a port: write top100, top1000, all, or a list such as 80,443,8000-8100.`,
      };
    }
    add(port);
  }
  return { ok: true, value: ports };
}

/** The ports of `spec` without the excluded ones, in scan order. */
export function selectPorts(ports: readonly number[], excluded: readonly number[]): number[] {
  const out = new Set(excluded);
  return ports.filter((p) => !out.has(p));
}

/** Compact text of a port set, sorted, ranges merged: `21-23,80,443`. */
export function formatPortRanges(ports: readonly number[]): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) {
      end += 1;
      i += 1;
    }
    parts.push(start === end ? String(start) : `${start}-${end}`);
    i += 1;
  }
  return parts.join(',');
}

/** Splits the scan order into consecutive chunks of `size` ports: the port ranges of the port tasks. */
export function chunkPorts(ports: readonly number[], size: number): number[][] {
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError('chunk size must be ≥ 1');
  const chunks: number[][] = [];
  for (let i = 0; i < ports.length; i += size) chunks.push(ports.slice(i, i + size));
  return chunks;
}
