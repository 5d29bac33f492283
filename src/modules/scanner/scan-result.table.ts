/**
 * The `--format table` rendering of a scan result: hosts and services, then domains, refusals, notes
 * and findings. Pure.
 */
import { formatFindingsTable, isContractFinding } from './findings/finding-table.js';
import type { ScanResult } from './scanner.types.js';
import { clip, pad } from './text-table.js';

/** Renders hosts/services, domains, refusals, notes and findings as aligned text. */
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
  if (result.findings.length > 0) {
    // The contract types findings loosely (a JSON file may come from elsewhere): show what has their shape.
    const findings = result.findings.filter(isContractFinding);
    lines.push('', 'FINDINGS', formatFindingsTable(findings).trimEnd());
    const unreadable = result.findings.length - findings.length;
    if (unreadable > 0) lines.push(`${unreadable} findings not shown: not in the shape of hygie.scan/1`);
  }
  return `${lines.join('\n')}\n`;
}
