import { CommonErrors, type ErrorDefinition } from '../lib/errors.js';
import { modules } from '../modules/index.js';

/** Every error the platform can answer with, common ones first, then module by module. */
export function errorCatalogue(): { module: string; errors: ErrorDefinition[] }[] {
  return [
    { module: 'common', errors: Object.values(CommonErrors) },
    ...modules
      .filter((m) => m.errors)
      .map((m) => ({ module: m.name, errors: Object.values(m.errors ?? {}) })),
  ];
}

/** The catalogue as the Markdown of `docs/errors.md`. */
export function errorCatalogueMarkdown(): string {
  const lines = [
    '# Error catalogue',
    '',
    'Generated from the code by `npm run docs:errors`; a test fails when this file is out of date.',
    'API errors answer `{ "error": { "code", "message", "details" } }` with the HTTP status below;',
    'the message is in the language of the request (French by default).',
    '',
  ];
  for (const group of errorCatalogue()) {
    lines.push(`## ${group.module}`, '', '| code | HTTP | français | English |', '| --- | --- | --- | --- |');
    for (const e of group.errors) {
      lines.push(
        `| \`${e.code}\` | ${e.status} | ${e.fr.replace(/\|/g, '\\|')} | ${e.en.replace(/\|/g, '\\|')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
