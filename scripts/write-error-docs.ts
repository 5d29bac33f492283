// Regenerates docs/errors.md from the error catalogues in the code.
import { writeFileSync } from 'node:fs';
import { errorCatalogueMarkdown } from '../src/apps/error-catalogue.js';

writeFileSync('docs/errors.md', errorCatalogueMarkdown());
console.log('docs/errors.md written');
