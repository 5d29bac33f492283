// Time from launch to the first page served, on a fresh SQLite database:
//   1. `npm start` as a newcomer runs it (build + demo seed + serve), and
//   2. `hygie serve` alone on an already-seeded database (a restart).
// Run: npx tsx bench/portal-startup.ts   — listens on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const PORT = 18_080 + Math.floor(Math.random() * 1000);

async function firstPage(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no page at ${url} in time`);
}

async function timeToFirstPage(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  // Its own process group, so that npm's children (the server) are stopped with it.
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await firstPage(`http://127.0.0.1:${PORT}/login`, start + 180_000);
    return performance.now() - start;
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
    await new Promise((r) => setTimeout(r, 300));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hygie-startup-'));
const env = {
  ...process.env,
  HYGIE_DATABASE_URL: `sqlite:${join(dir, 'hygie.sqlite')}`,
  HYGIE_SECRET_FILE: join(dir, 'secret'),
  HYGIE_PORT: String(PORT),
  HYGIE_HOST: '127.0.0.1',
  HYGIE_LOG_LEVEL: 'warn',
};
try {
  const full = await timeToFirstPage('npm', ['start', '--silent'], env);
  const restart = await timeToFirstPage('node', ['bin/hygie.js', 'serve'], env);
  console.log('| launch | time to first page |');
  console.log('| --- | --- |');
  console.log(`| npm start (tsc build + demo seed + serve), fresh SQLite | ${(full / 1000).toFixed(2)} s |`);
  console.log(`| hygie serve, seeded SQLite (restart) | ${(restart / 1000).toFixed(2)} s |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
