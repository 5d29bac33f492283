/**
 * Validation of a document against the `hygie.scan/1` contract (JSON Schema draft 2020-12) with ajv
 * and ajv-formats. Used by tests and by anyone checking an exported result.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const schema = JSON.parse(
  readFileSync(new URL('./scan-result.schema.json', import.meta.url), 'utf8'),
) as object;

// ajv-formats is CommonJS: under ESM its function is the default export's `default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The contract's complaints about `document` (empty when it validates). */
export function contractErrors(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
