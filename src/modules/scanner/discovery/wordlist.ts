/**
 * The shipped subdomain wordlist (`data/subdomains.txt`, see `data/README.md`): labels tried under
 * every domain target. Reading is pure (`parseWordlist`); loading reads the file once per call.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Resolved from the project root so that the same path works from src/ and from dist/.
const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the shipped wordlist lives. */
export const SUBDOMAIN_WORDLIST_PATH = `${projectRoot}src/modules/scanner/discovery/data/subdomains.txt`;

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Labels of a wordlist text: one per line, `#` comments and blank lines skipped, invalid labels dropped. */
export function parseWordlist(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const label = line.replace(/#.*/, '').trim().toLowerCase();
    if (label === '' || !LABEL.test(label) || seen.has(label)) continue;
    seen.add(label);
    out.push(label);
  }
  return out;
}

/** Reads the shipped wordlist (or another file with the same format). */
export function loadSubdomainWordlist(path = SUBDOMAIN_WORDLIST_PATH): string[] {
  return parseWordlist(readFileSync(path, 'utf8'));
}
