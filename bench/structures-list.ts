// Page render time of the structures list with 5,000 structures, on SQLite and PostgreSQL.
// Run: npx tsx bench/structures-list.ts [sqlite,postgres]   (PostgreSQL from HYGIE_TEST_PG_URL)
// Requests go in-process through Fastify's inject (no network), as an analyst with a session.
import { performance } from 'node:perf_hooks';
import { computeFinessKey } from '../src/lib/finess.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { contextFor } from '../src/platform/context.js';
import { importRegistryCsv } from '../src/modules/registry/index.js';
import { loginAs } from '../test/support/login.js';
import { startTestServer } from '../test/support/test-server.js';
import type { Dialect } from '../src/db/connection.js';

const STRUCTURES = 5_000;
const ROUNDS = 100;
const REGIONS = ['Bretagne', 'Île-de-France', 'Occitanie', 'Grand Est', 'Normandie'];

function csv(): Buffer {
  const lines = ['Raison sociale;FINESS;Catégorie;Statut juridique;Région;Ville'];
  for (let i = 0; i < STRUCTURES; i++) {
    const body = `35${String(1_000_000 + i).slice(1)}`.slice(0, 8);
    lines.push(`Centre hospitalier n°${i} de Bench-sur-Mer;${body}${computeFinessKey(body)};ES;Public;${REGIONS[i % REGIONS.length]};Ville ${i % 97}`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function measure(dialect: Dialect): Promise<void> {
  const server = await startTestServer(dialect, { listen: false });
  try {
    const ctx = contextFor(server.platform, systemActor('bench'));
    const t0 = performance.now();
    const report = await importRegistryCsv(ctx, csv(), { kind: 'structures', dryRun: false });
    const importMs = performance.now() - t0;
    const analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
    const pages: [string, string][] = [
      ['first page', '/structures'],
      ['page 50', '/structures?page=50'],
      ['search "bench-sur-mer 4999"', `/structures?q=${encodeURIComponent('n°4999')}`],
      ['filter region', '/structures?region=BRE'],
    ];
    console.log(`\n## ${dialect}: ${STRUCTURES} structures (CSV import ${importMs.toFixed(0)} ms, ${JSON.stringify(report.created ?? report)})`);
    console.log('| page | p50 ms | p99 ms | max ms | bytes |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [label, url] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        const response = await server.app.inject({ method: 'GET', url, headers: { cookie: analyst.cookie } });
        times.push(performance.now() - start);
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
        bytes = response.body.length;
      }
      times.sort((a, b) => a - b);
      console.log(`| ${label} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.99).toFixed(1)} | ${(times.at(-1) ?? 0).toFixed(1)} | ${bytes} |`);
    }
  } finally {
    await server.close();
  }
}

process.env.HYGIE_LOG_LEVEL = 'silent';
const dialects = (process.argv[2] ?? 'sqlite').split(',') as Dialect[];
for (const dialect of dialects) await measure(dialect);
