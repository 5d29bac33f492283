/** The `--format table` rendering of a scan result: hosts and services, then domains and refusals. Pure. */
import type { ScanResult } from './scanner.types.js';

function pad(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Renders hosts/services, domains and refusals as aligned text. */
export function formatResultTable(result: ScanResult): string {
  const lines: string[] = [];
  const { scan } = result;
  lines.push(`Scan ${scan.id} — ${scan.status} — ${scan.startedAt} → ${scan.finishedAt}`);
  lines.push(`Targets: ${scan.targets.join(', ')}${scan.ports ? ` — ports: ${scan.ports}` : ''}`);
  lines.push('');
  const rows: string[][] = [['HOST', 'PORT', 'PROTOCOL', 'TLS', 'PRODUCT', 'VERSION', 'NAMES / BANNER']];
  for (const host of result.hosts) {
    const names = host.hostnames.join(', ');
    if (host.services.length === 0) rows.push([host.address, '-', '-', '', '', '', clip(names, 60)]);
    host.services.forEach((s, i) => {
      rows.push([
        i === 0 ? host.address : '',
        `${s.port}/${s.transport}`,
        s.protocol,
        s.tls ? 'yes' : '',
        s.product ?? '',
        s.version ?? '',
        clip(i === 0 && names ? names : s.protocol === 'unknown' ? (s.banner ?? '') : '', 60),
      ]);
    });
  }
  lines.push(...pad(rows));
  lines.push(
    '',
    `${result.hosts.length} hosts, ${result.hosts.reduce((n, h) => n + h.services.length, 0)} services`,
  );
  if (result.domains.length > 0) {
    lines.push('', 'DOMAINS');
    const domainRows: string[][] = [['NAME', 'SOURCE', 'ADDRESSES', 'NOTES']];
    for (const d of result.domains) {
      domainRows.push([
        d.name,
        d.source,
        (d.addresses ?? []).join(', ') || '-',
        clip((d.notes ?? []).join('; '), 80),
      ]);
    }
    lines.push(...pad(domainRows));
  }
  if (scan.refused.length > 0) {
    lines.push('', 'REFUSED BY THE SCOPE GUARD');
    lines.push(...pad([['TARGET', 'REASON'], ...scan.refused.map((r) => [r.target, r.reason])]));
  }
  if (scan.notes && scan.notes.length > 0) lines.push('', 'NOTES', ...scan.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
