import process from 'node:process';

// Shared guard for the lab's own servers: they may bind only an address of 127.100.0.0/16.
export function labAddress(value) {
  const m = /^127\.100\.(\d{1,3})\.(\d{1,3})$/.exec(value ?? '');
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) {
    throw new Error(`refusing to bind ${JSON.stringify(value)}: the lab binds only 127.100.0.0/16`);
  }
  return value;
}

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

// Once the privileged ports are bound: become `user` (group nogroup, no supplementary groups)
// when running as root.
export function dropPrivileges(user) {
  if (!user || typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  process.setgroups([]);
  process.setgid('nogroup');
  process.setuid(user);
}
