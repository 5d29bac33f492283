// Bulletin search latency (p50/p99) on a real listening server, with 300,000 CVEs in the knowledge
// base and a realistic number of bulletins, on SQLite and PostgreSQL.
//
//   - CVEs: the real NVD sample (fkie perimeter, osv.dev, derived 1.1 records) repeated with
//     rewritten ids (CVE-2100-000000 …) up to --cves N (default 300,000), streamed through the
//     knowledge base's own import (`importCves`), plus the real CVE 5 sample and KEV catalogue;
//   - a catalogue of 18 products of the sample; bulletins: --bulletins N (default 5,000, ten years
//     of a sector CERT at CERT-FR's pace of "avis") published + 300 drafts, each on a synthetic
//     CVE that affects a catalogue product, text drafted by the proposal code (`draftContent`),
//     inserted through the bulletin repository, first published over 2016-2026;
//   - load: a small closed-loop generator over undici `Pool` (autocannon is not installed),
//     --connections C (default 16) for --seconds S (default 10) per query, after a warm-up,
//     against `hygie`'s web app listening on 127.0.0.1 (anonymous visitor, the public pages).
//     The JSON API and the CVE page carry a per-client rate limit (300/min): they are timed
//     in-process (Fastify inject, one client address per request) instead.
//
// Run: npx tsx bench/bulletin-search.ts [sqlite,postgres] [--cves 300000] [--bulletins 5000] [--seconds 10] [--connections 16] [--save]
// (PostgreSQL from HYGIE_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test; --save writes results/bulletin-search.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { buildWebApp } from '../src/apps/compose.js';
import type { Dialect } from '../src/db/connection.js';
import { newId } from '../src/lib/ids.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { contextFor } from '../src/platform/context.js';
import { draftContent, factsSummary } from '../src/modules/vuln-watch/bulletin.proposal.js';
import { insertBulletin, insertBulletinRevision } from '../src/modules/vuln-watch/bulletin.repository.js';
import { bulletinProductOf, bulletinSearchText, currentFacts, productsAffectedBy } from '../src/modules/vuln-watch/bulletin.service.js';
import type { Bulletin } from '../src/modules/vuln-watch/bulletin.types.js';
import { findCves, importCves, listProducts } from '../src/modules/vuln-watch/kb.js';
import { addProduct } from '../src/modules/vuln-watch/product.service.js';
import { FIXTURES } from '../src/modules/vuln-watch/sources/fixtures.js';
import type { Cve, ProductCategory } from '../src/modules/vuln-watch/vuln-watch.types.js';
import { createTestPlatform, type TestPlatform } from '../test/support/test-platform.js';

const CATALOGUE: [string, string, string, ProductCategory][] = [
  ['fortinet', 'fortios', 'Fortinet FortiOS', 'firewall'],
  ['fortinet', 'fortimanager', 'Fortinet FortiManager', 'network-device'],
  ['paloaltonetworks', 'pan-os', 'Palo Alto Networks PAN-OS', 'firewall'],
  ['citrix', 'netscaler_application_delivery_controller', 'Citrix NetScaler ADC', 'vpn'],
  ['pulsesecure', 'pulse_connect_secure', 'Pulse Connect Secure', 'vpn'],
  ['cisco', 'adaptive_security_appliance_software', 'Cisco ASA', 'firewall'],
  ['microsoft', 'internet_information_services', 'Microsoft IIS', 'web-server'],
  ['microsoft', 'exchange_server', 'Microsoft Exchange Server', 'mail'],
  ['apache', 'http_server', 'Apache HTTP Server', 'web-server'],
  ['apache', 'tomcat', 'Apache Tomcat', 'web-server'],
  ['nginx', 'nginx', 'nginx', 'web-server'],
  ['openbsd', 'openssh', 'OpenSSH', 'remote-access'],
  ['vmware', 'esxi', 'VMware ESXi', 'hypervisor'],
  ['vmware', 'vcenter_server', 'VMware vCenter Server', 'hypervisor'],
  ['openssl', 'openssl', 'OpenSSL', 'library'],
  ['php', 'php', 'PHP', 'library'],
  ['wordpress', 'wordpress', 'WordPress', 'other'],
  ['offis', 'dcmtk', 'OFFIS DCMTK', 'pacs-imaging'],
];

interface Options {
  readonly dialects: Dialect[];
  readonly cves: number;
  readonly bulletins: number;
  readonly seconds: number;
  readonly connections: number;
  readonly save: boolean;
}

function options(): Options {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const dialects = (args.find((a) => /^(sqlite|postgres)/.test(a)) ?? 'sqlite,postgres').split(',') as Dialect[];
  return { dialects, cves: value('cves', 300_000), bulletins: value('bulletins', 5_000), seconds: value('seconds', 10), connections: value('connections', 16), save: args.includes('--save') };
}

/** NVD records used as templates: every real NVD 2.0 record of the sample. */
function templates(): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  for (const file of [FIXTURES.nvdFkie, FIXTURES.nvdOsv, FIXTURES.nvdDerived]) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { vulnerabilities: { cve: { id: string } }[] };
    for (const v of doc.vulnerabilities) {
      const text = JSON.stringify(v);
      const marker = `"id":"${v.cve.id}"`;
      const at = text.indexOf(marker);
      out.push([text.slice(0, at), text.slice(at + marker.length)] as const);
    }
  }
  return out;
}

/** Synthetic id of record i. */
function syntheticId(i: number): string {
  return `CVE-${2100 + Math.floor(i / 1_000_000)}-${String(i % 1_000_000).padStart(6, '0')}`;
}

/** An NVD API 2.0 envelope around `count` records made from the templates, generated on the fly. */
async function* syntheticNvd(parts: readonly (readonly [string, string])[], count: number): AsyncGenerator<Buffer> {
  yield Buffer.from(`{"resultsPerPage":${count},"startIndex":0,"totalResults":${count},"format":"NVD_CVE","version":"2.0","timestamp":"synthetic","vulnerabilities":[`);
  let chunk: string[] = [];
  let size = 0;
  for (let i = 0; i < count; i++) {
    const [before, after] = parts[i % parts.length] as readonly [string, string];
    const piece = `${i > 0 ? ',' : ''}${before}"id":"${syntheticId(i)}"${after}`;
    chunk.push(piece);
    size += piece.length;
    if (size >= 1 << 20) {
      yield Buffer.from(chunk.join(''));
      chunk = [];
      size = 0;
    }
  }
  yield Buffer.from(`${chunk.join('')}]}`);
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Stores `count` published bulletins (and `drafts` drafts) on synthetic CVEs that affect catalogue products. */
async function seedBulletins(platform: TestPlatform, templateCount: number, cveCount: number, count: number, drafts: number): Promise<{ published: number; drafts: number; seconds: number }> {
  const t0 = performance.now();
  const catalogue = await listProducts(platform.db);
  // Which templates concern the catalogue: look at their first synthetic copy.
  const firstCopies = await findCves(platform.db, Array.from({ length: templateCount }, (_, t) => syntheticId(t)));
  const affecting = firstCopies
    .map((cve, t) => ({ t, products: productsAffectedBy([cve], catalogue), cve }))
    .filter((x) => x.products.length > 0 && (x.cve.selectedScore?.score ?? 0) >= 7);
  if (affecting.length === 0) throw new Error('no template affects the catalogue');
  const copies = Math.floor(cveCount / templateCount);
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const perYear = new Map<string, number>();
  const total = count + drafts;
  for (let k = 0; k < total; k += 500) {
    const slice = Array.from({ length: Math.min(500, total - k) }, (_, j) => k + j);
    const picks = slice.map((n) => {
      const a = affecting[n % affecting.length] as (typeof affecting)[number];
      const copy = 1 + (Math.floor(n / affecting.length) % Math.max(1, copies - 1));
      return { n, id: syntheticId(copy * templateCount + a.t), products: a.products };
    });
    const cves = new Map<string, Cve>((await findCves(platform.db, picks.map((p) => p.id))).map((c) => [c.id, c]));
    await platform.db.transaction().execute(async (trx) => {
      for (const p of picks) {
        const cve = cves.get(p.id);
        if (!cve) continue;
        const published = p.n < count;
        const at = new Date(start + Math.floor((span * p.n) / total)).toISOString();
        const year = at.slice(0, 4);
        const seq = (perYear.get(year) ?? 0) + 1;
        if (published) perYear.set(year, seq);
        const facts = currentFacts([cve.id], [cve]);
        const b: Bulletin = {
          id: newId(),
          reference: published ? `AVI-${year}-${String(seq).padStart(4, '0')}` : null,
          status: published ? 'published' : 'draft',
          origin: 'proposed',
          ...draftContent([cve], p.products),
          cves: facts,
          products: p.products.map(bulletinProductOf),
          ...factsSummary(facts),
          revision: published ? 1 : 0,
          pendingUpdate: [],
          edited: published,
          firstPublishedAt: published ? at : null,
          publishedAt: published ? at : null,
          withdrawnAt: null,
          withdrawnReason: null,
          createdBy: 'bench',
          updatedBy: 'bench',
          createdAt: at,
          updatedAt: at,
        };
        await insertBulletin(trx, b, bulletinSearchText(b));
        if (published) await insertBulletinRevision(trx, { id: newId(), bulletinId: b.id, number: 1, at, note: 'Version initiale', actorLabel: 'bench', snapshot: {} });
      }
    });
  }
  return { published: count, drafts, seconds: (performance.now() - t0) / 1000 };
}

interface LoadResult {
  readonly label: string;
  readonly path: string;
  readonly requests: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly bytes: number;
  /** CPU time of this process (server and client) per request, ms: independent of other load on the machine. */
  readonly cpu: number;
}

/** Closed-loop load: `connections` clients each send the next request when the previous answer is read. */
async function load(origin: string, label: string, path: string, seconds: number, connections: number): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const once = async (record: boolean) => {
    const t = performance.now();
    const response = await pool.request({ origin, path, method: 'GET' });
    const body = await response.body.text();
    const ms = performance.now() - t;
    if (response.statusCode !== 200) errors++;
    if (record) {
      latencies.push(ms);
      bytes = body.length;
    }
  };
  try {
    for (let i = 0; i < connections * 5; i++) await once(false);
    const until = performance.now() + seconds * 1000;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) await once(true);
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    latencies.sort((a, b) => a - b);
    const cpu = (c1.user + c1.system) / 1000 / latencies.length;
    return { label, path, requests: latencies.length, errors, rps: latencies.length / elapsed, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN, bytes, cpu };
  } finally {
    await pool.close();
  }
}

/** Sequential in-process timing (Fastify inject), each request from its own loopback address (rate limit). */
async function inProcess(app: Awaited<ReturnType<typeof buildWebApp>>, label: string, path: string, rounds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let c0 = process.cpuUsage();
  for (let i = 0; i < rounds + 20; i++) {
    if (i === 20) c0 = process.cpuUsage();
    const t = performance.now();
    const r = await app.inject({ method: 'GET', url: path, remoteAddress: `127.9.${Math.floor(i / 250) % 250}.${(i % 250) + 1}` });
    const ms = performance.now() - t;
    if (r.statusCode !== 200) errors++;
    if (i >= 20) {
      latencies.push(ms);
      bytes = r.body.length;
    }
  }
  const c1 = process.cpuUsage(c0);
  latencies.sort((a, b) => a - b);
  const sum = latencies.reduce((a, b) => a + b, 0);
  const cpu = (c1.user + c1.system) / 1000 / latencies.length;
  return { label, path, requests: latencies.length, errors, rps: (latencies.length / sum) * 1000, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN, bytes, cpu };
}

function row(r: LoadResult): string {
  return `| ${r.label} | \`${r.path}\` | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.bytes} |`;
}

/** A fresh database with the catalogue, the CVEs and the bulletins of the benchmark. */
export async function prepare(dialect: Dialect, o: Pick<Options, 'cves' | 'bulletins'>) {
  const platform = await createTestPlatform(dialect);
  const ctx = contextFor(platform, systemActor('bench'), { lang: 'en' });
  for (const [vendor, product, displayName, category] of CATALOGUE) await addProduct(ctx, { vendor, product, displayName, category });
  const parts = templates();
  const t0 = performance.now();
  const synthetic = await importCves(ctx, [{ name: 'synthetic-nvd.json', stream: syntheticNvd(parts, o.cves) }], { batchSize: 1000, jobChunk: 5000 });
  const importSeconds = (performance.now() - t0) / 1000;
  const real = await importCves(ctx, [FIXTURES.cve5, FIXTURES.kev]);
  const cveRows = await platform.db.selectFrom('cves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const seeded = await seedBulletins(platform, parts.length, o.cves, o.bulletins, 300);
  const sample = await platform.db.selectFrom('vuln_bulletin_cves').select('cve_id').limit(1).offset(Math.floor(o.bulletins / 2)).executeTakeFirstOrThrow();
  return { platform, synthetic, importSeconds, real, cveRows, seeded, sample };
}

async function measure(dialect: Dialect, o: Options, out: string[]): Promise<void> {
  const { platform, synthetic, importSeconds, real, cveRows, seeded, sample } = await prepare(dialect, o);
  try {

    const app = await buildWebApp(platform);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const queries: [string, string][] = [
        ['list, first page', '/bulletins'],
        ['list, page 100', '/bulletins?page=100'],
        ['one word', '/bulletins?q=fortios'],
        ['three words, accents', `/bulletins?q=${encodeURIComponent('exécution code arbitraire')}`],
        ['CVE id', `/bulletins?q=${sample.cve_id}`],
        ['category + severity + KEV', '/bulletins?category=firewall&severity=critical&kev=true'],
        ['vendor + date range', '/bulletins?vendor=microsoft&from=2020-01-01&to=2022-12-31'],
        ['word + filters', '/bulletins?q=remote&category=web-server&severity=high'],
        ['no match (full scan)', '/bulletins?q=zzzznomatch'],
      ];
      const before = loadavg().map((l) => l.toFixed(1)).join(' ');
      const results: LoadResult[] = [];
      for (const [label, path] of queries) results.push(await load(origin, label, path, o.seconds, o.connections));
      const api: LoadResult[] = [
        await inProcess(app, 'API, one word', '/api/v1/bulletins?q=fortios', 300),
        await inProcess(app, 'API, filters', '/api/v1/bulletins?category=vpn&kev=true&pageSize=50', 300),
        await inProcess(app, 'CVE page', `/cves/${sample.cve_id}`, 300),
        await inProcess(app, 'Atom feed', '/bulletins.atom', 300),
      ];
      const section = [
        `\n## ${dialect}\n\nLoad average of the machine (shared with other work) before/after the load: ${before} / ${loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
        `\n${Number(cveRows.n).toLocaleString('en')} CVEs (${o.cves.toLocaleString('en')} synthetic imported in ${importSeconds.toFixed(0)} s = ${Math.round(o.cves / importSeconds).toLocaleString('en')} records/s, ${synthetic.status}; then the real CVE 5 sample and KEV catalogue, ${real.status}), ${CATALOGUE.length} catalogue products, ${seeded.published.toLocaleString('en')} published bulletins + ${seeded.drafts} drafts (seeded in ${seeded.seconds.toFixed(1)} s).\n`,
        `Load over HTTP on 127.0.0.1: ${o.connections} connections, ${o.seconds} s per query after a warm-up; latency in ms.\n`,
        '| query | path | requests | non-200 | req/s | p50 | p90 | p99 | max | CPU ms/req | bytes |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...results.map(row),
        `\nRate-limited routes, in-process (Fastify inject, sequential, ${api[0]?.requests ?? 0} requests each; req/s = 1 / mean):\n`,
        '| query | path | requests | non-200 | req/s | p50 | p90 | p99 | max | CPU ms/req | bytes |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...api.map(row),
      ];
      out.push(...section);
      console.log(section.join('\n'));
    } finally {
      await app.close();
    }
  } finally {
    await platform.close();
  }
}

async function main(): Promise<void> {
  const o = options();
  process.env.HYGIE_LOG_LEVEL = 'silent';
  const out: string[] = [
    '# Bulletin search benchmark',
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx bench/bulletin-search.ts ${o.dialects.join(',')} --cves ${o.cves} --bulletins ${o.bulletins} --seconds ${o.seconds} --connections ${o.connections}\`.`,
    '',
    'The server is the whole web application (`buildWebApp`: every module, security headers, CSRF cookie, actor resolution) listening on 127.0.0.1; the load generator runs in the same Node process (one core shared), so req/s is a floor. Search is `LIKE` on an accent-free `search_text` column (a narrow table of its own), one condition per word, on both dialects (`docs/vuln-watch.md`, "Search and filters"). p50/p99 include the queueing of 16 closed-loop clients on a 2-core machine shared with other work; "CPU ms/req" is the CPU time of the Node process (server and client) per request, independent of that load — the CPU of the PostgreSQL server is not in it.',
  ];
  console.log(out.join('\n'));
  for (const dialect of o.dialects) await measure(dialect, o, out);
  if (o.save) writeFileSync(new URL('./results/bulletin-search.md', import.meta.url), `${out.join('\n')}\n`);
}

if (process.argv[1]?.endsWith('bulletin-search.ts')) await main();
