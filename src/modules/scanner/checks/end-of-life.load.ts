/**
 * Reads the copied endoflife.date product files (`data/endoflife/*.md`) into a catalogue. The files
 * stay in the source tree; `src/…/checks/` and `dist/…/checks/` sit four levels below the root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endOfLifeCatalogue, parseEndOfLifeProduct, type EndOfLifeCatalogue } from './end-of-life.js';

/** Absolute path of `src/modules/scanner/checks/data/endoflife`. */
export const END_OF_LIFE_DATA_DIR = join(
  fileURLToPath(new URL('../../../../', import.meta.url)),
  'src/modules/scanner/checks/data/endoflife',
);

let cached: EndOfLifeCatalogue | undefined;

/** Loads every product file once per process. */
export function loadEndOfLifeCatalogue(dir: string = END_OF_LIFE_DATA_DIR): EndOfLifeCatalogue {
  if (dir === END_OF_LIFE_DATA_DIR && cached) return cached;
  const products = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'SOURCE.md')
    .sort()
    .map((f) => parseEndOfLifeProduct(f.slice(0, -3), readFileSync(join(dir, f), 'utf8')));
  const catalogue = endOfLifeCatalogue(products);
  if (dir === END_OF_LIFE_DATA_DIR) cached = catalogue;
  return catalogue;
}
