#!/usr/bin/env node
// The `hygie` command. Runs the compiled code in dist/ (build it with `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/apps/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Hygie is not built yet: run `npm run build` first (or `npm start`).');
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
