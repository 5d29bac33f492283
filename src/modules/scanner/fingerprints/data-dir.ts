/**
 * Where the copied fingerprint data lives. The files stay in the source tree (`tsc` does not copy
 * them to `dist/`); both `src/…/fingerprints/` and `dist/…/fingerprints/` sit four levels below the
 * project root, so the path is found from either.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `src/modules/scanner/fingerprints/data`. */
export const FINGERPRINT_DATA_DIR = join(
  fileURLToPath(new URL('../../../../', import.meta.url)),
  'src/modules/scanner/fingerprints/data',
);
