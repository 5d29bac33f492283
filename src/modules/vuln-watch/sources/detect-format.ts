/**
 * Which source a file comes from, decided from its first bytes (after gunzip): JSON keys for
 * NVD, CVE 5 and KEV, the header or `#` comment line for EPSS CSV. Pure.
 */
import type { SourceName } from './source-record.js';

/** The verdict on a file head. */
export type FormatVerdict =
  | { readonly format: SourceName }
  | { readonly problem: 'legacy-nvd' }
  | {
      readonly problem: 'schema-version';
      readonly source: SourceName;
      readonly found: string;
      readonly expected: string;
    }
  | { readonly problem: 'unknown'; readonly reason: string };

/** How many bytes detection looks at. */
export const HEAD_BYTES = 64 * 1024;

/** True when the bytes start like a gzip stream. */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function nvdVersion(text: string): string | null {
  const before = text.split(/"vulnerabilities"\s*:/)[0] ?? '';
  return /"version"\s*:\s*"([^"]*)"/.exec(before)?.[1] ?? null;
}

/** Decides the format from the head of a (decompressed) file. */
export function detectFormat(head: Buffer): FormatVerdict {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text === '') return { problem: 'unknown', reason: 'the file is empty' };
  if (text.startsWith('#') || /^"?cve"?\s*,/i.test(text) || /^[^\n{[]*,\s*"?cve"?\s*(,|\r?\n)/i.test(text))
    return { format: 'epss' };
  if (text.startsWith('{')) {
    if (/"CVE_Items"\s*:/.test(text) || /"CVE_data_format"\s*:/.test(text)) return { problem: 'legacy-nvd' };
    if (/"format"\s*:\s*"NVD_CVE"/.test(text) || /"vulnerabilities"\s*:\s*\[\s*\{\s*"cve"\s*:/.test(text)) {
      const version = nvdVersion(text);
      if (version !== null && version !== '2.0')
        return { problem: 'schema-version', source: 'nvd', found: version, expected: '2.0' };
      return { format: 'nvd' };
    }
    if (/"catalogVersion"\s*:/.test(text) || /"cveID"\s*:/.test(text)) return { format: 'kev' };
    if (
      /"dataType"\s*:\s*"CVE_RECORD"/.test(text) ||
      /"cveMetadata"\s*:/.test(text) ||
      /^\{\s*"containers"\s*:\s*\{\s*"(adp|cna)"\s*:/.test(text)
    ) {
      const version = /"dataVersion"\s*:\s*"?([\d.]+)/.exec(text)?.[1];
      if (version !== undefined && !version.startsWith('5.'))
        return { problem: 'schema-version', source: 'cve5', found: version, expected: '5.x' };
      return { format: 'cve5' };
    }
    if (/"vulnerabilities"\s*:/.test(text))
      return {
        problem: 'unknown',
        reason: 'a "vulnerabilities" array that is neither NVD 2.0 items ({"cve": …}) nor KEV entries',
      };
    return {
      problem: 'unknown',
      reason:
        'JSON without the keys of NVD 2.0 (format, vulnerabilities), CVE 5 (cveMetadata) or KEV (catalogVersion)',
    };
  }
  if (text.startsWith('[')) {
    if (/^\[\s*\{\s*"cve"\s*:/.test(text)) return { format: 'nvd' };
    if (
      /"cveMetadata"\s*:/.test(text) ||
      /"CVE_RECORD"/.test(text) ||
      /^\[\s*\{\s*"containers"\s*:\s*\{\s*"(adp|cna)"\s*:/.test(text)
    )
      return { format: 'cve5' };
    if (/"cveID"\s*:/.test(text)) return { format: 'kev' };
    return {
      problem: 'unknown',
      reason: 'a JSON array whose items are neither NVD items, CVE 5 records nor KEV entries',
    };
  }
  if (text.startsWith('<')) return { problem: 'unknown', reason: 'an HTML or XML document (an error page?)' };
  return { problem: 'unknown', reason: `starts with "${text.slice(0, 20).replace(/\s+/g, ' ')}"` };
}

/** The array of records inside a JSON document of a source (none: the document is a record or an array). */
export function recordArrayKey(format: SourceName): string | undefined {
  return format === 'nvd' || format === 'kev' ? 'vulnerabilities' : undefined;
}
