/**
 * End-of-life data (endoflife.date product files, `data/endoflife/`): parsing the front matter the
 * project needs (identifiers, release cycles), mapping a detected product to a product file (by CPE,
 * by name, IIS to its Windows Server release) and a version to its release cycle. Pure; the files
 * are read by `end-of-life.load.ts`.
 */

/** One release cycle of a product. */
export interface EndOfLifeCycle {
  /** `"1.22"`, `"2008-r2-sp1"`, `"13.0-sp3"` … */
  readonly cycle: string;
  readonly label: string | null;
  readonly releaseDate: string | null;
  /** End of life: a date (`YYYY-MM-DD`), `true` (ended, date unknown) or `false` (supported). */
  readonly eol: string | boolean;
  /** End of active support, when given. */
  readonly eoas: string | boolean | null;
  readonly latest: string | null;
}

/** One product file. */
export interface EndOfLifeProduct {
  /** File stem: `nginx`, `windows-server` … */
  readonly id: string;
  readonly title: string;
  /** `vendor:product` pairs of its CPE identifiers (2.2 and 2.3 forms folded). */
  readonly cpes: readonly string[];
  readonly cycles: readonly EndOfLifeCycle[];
  /** `https://endoflife.date/<id>` */
  readonly url: string;
}

/** Every product loaded, by id. */
export interface EndOfLifeCatalogue {
  readonly products: ReadonlyMap<string, EndOfLifeProduct>;
}

/** A catalogue with no product (the check then says nothing). */
export const EMPTY_END_OF_LIFE: EndOfLifeCatalogue = { products: new Map() };

function scalar(raw: string): string | boolean | null {
  const v = raw.replace(/\s+#.*$/, '').trim();
  if (v === '' || v === 'null' || v === '~') return null;
  if (v === 'true') return true;
  if (v === 'false') return false;
  const quoted = /^"(.*)"$|^'(.*)'$/.exec(v);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  return v;
}

/** `cpe:2.3:a:f5:nginx` or `cpe:/a:f5:nginx` → `f5:nginx`. */
export function cpeVendorProduct(cpe: string): string | null {
  const parts = cpe.startsWith('cpe:2.3:')
    ? cpe.split(':').slice(3, 5)
    : cpe.startsWith('cpe:/')
      ? cpe.slice(5).split(':').slice(1, 3)
      : [];
  if (parts.length < 2 || !parts[0] || !parts[1]) return null;
  return `${parts[0]}:${parts[1]}`.toLowerCase();
}

/** Parses one product file (YAML front matter subset used by endoflife.date). Never throws. */
export function parseEndOfLifeProduct(id: string, text: string): EndOfLifeProduct {
  const lines = String(text).split(/\r?\n/);
  const start = lines.indexOf('---');
  const end = start < 0 ? -1 : lines.indexOf('---', start + 1);
  const front = start < 0 || end < 0 ? [] : lines.slice(start + 1, end);
  let title = id;
  let section = '';
  const cpes = new Set<string>();
  const cycles: EndOfLifeCycle[] = [];
  let current: Record<string, string | boolean | null> | null = null;
  const flush = (): void => {
    if (current && typeof current.releaseCycle === 'string') {
      const date = (v: string | boolean | null | undefined): string | boolean | null =>
        v === undefined || v === null ? null : v;
      cycles.push({
        cycle: current.releaseCycle,
        label: typeof current.releaseLabel === 'string' ? current.releaseLabel : null,
        releaseDate: typeof current.releaseDate === 'string' ? current.releaseDate : null,
        eol: date(current.eol) ?? false,
        eoas: date(current.eoas),
        latest: typeof current.latest === 'string' ? current.latest : null,
      });
    }
    current = null;
  };
  for (const line of front) {
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    const top = /^([A-Za-z][\w-]*):(.*)$/.exec(line);
    if (top) {
      flush();
      section = top[1] as string;
      if (section === 'title') title = String(scalar(top[2] as string) ?? id);
      continue;
    }
    if (section === 'identifiers') {
      const m = /^\s+-\s*cpe:\s*(\S+)/.exec(line);
      const vp = m ? cpeVendorProduct(m[1] as string) : null;
      if (vp) cpes.add(vp);
      continue;
    }
    if (section !== 'releases') continue;
    const item = /^ {2}- ([A-Za-z]\w*):(.*)$/.exec(line);
    if (item) {
      flush();
      current = { [item[1] as string]: scalar(item[2] as string) };
      continue;
    }
    const field = /^ {4}([A-Za-z]\w*):(.*)$/.exec(line);
    if (field && current) current[field[1] as string] = scalar(field[2] as string);
  }
  flush();
  return { id, title, cpes: [...cpes], cycles, url: `https://endoflife.date/${id}` };
}

/** Builds a catalogue from parsed products. */
export function endOfLifeCatalogue(products: readonly EndOfLifeProduct[]): EndOfLifeCatalogue {
  return { products: new Map(products.map((p) => [p.id, p])) };
}

/** CPE `vendor:product` pairs the upstream files do not list, as found in recog and NVD names. */
const EXTRA_CPES: Readonly<Record<string, string>> = {
  'f5:nginx': 'nginx',
  'nginx:nginx': 'nginx',
  'igor_sysoev:nginx': 'nginx',
  'redis:redis': 'redis',
  'redislabs:redis': 'redis',
  'mariadb:mariadb': 'mariadb',
  'mongodb:mongodb': 'mongodb',
  'elastic:elasticsearch': 'elasticsearch',
  'elasticsearch:elasticsearch': 'elasticsearch',
  'fortinet:fortios': 'fortios',
  'paloaltonetworks:pan-os': 'pan-os',
  'haproxy:haproxy': 'haproxy',
  'f5:big-ip_access_policy_manager': 'big-ip',
  'f5:big-ip_local_traffic_manager': 'big-ip',
};

/** Product names (as probes and fingerprints write them) → product file. */
const NAME_ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^nginx$/i, 'nginx'],
  [/^apache(?: http(?:d| server))?$/i, 'apache-http-server'],
  [/^php$/i, 'php'],
  [/^redis$/i, 'redis'],
  [/^valkey$/i, 'valkey'],
  [/^mariadb$/i, 'mariadb'],
  [/^mysql$/i, 'mysql'],
  [/^postgresql$/i, 'postgresql'],
  [/^mongodb$/i, 'mongodb'],
  [/^elasticsearch$/i, 'elasticsearch'],
  [/tomcat/i, 'tomcat'],
  [/^openssl$/i, 'openssl'],
  [/^exim$/i, 'exim'],
  [/^postfix$/i, 'postfix'],
  [/^dovecot$/i, 'dovecot'],
  [/^proftpd$/i, 'proftpd'],
  [/^haproxy$/i, 'haproxy'],
  [/^(?:fortinet )?fortios$/i, 'fortios'],
  [/^pan-?os$/i, 'pan-os'],
  [/^microsoft sql server$/i, 'mssqlserver'],
  [/^(?:vmware )?esxi$/i, 'vmware-esxi'],
];

/** IIS versions and the Windows Server release whose support they share. */
const IIS_TO_WINDOWS: Readonly<Record<string, string>> = {
  '5.0': '2000',
  '6.0': '2003-sp2',
  '7.0': '2008-sp2',
  '7.5': '2008-r2-sp1',
  '8.0': '2012',
  '8.5': '2012-r2',
};

/** A detected product, as the check gives it. */
export interface DetectedSoftware {
  readonly name: string;
  readonly version: string;
  readonly cpe?: string;
}

/** The release cycle a detected product falls in, and why. */
export interface CycleMatch {
  readonly product: EndOfLifeProduct;
  readonly cycle: EndOfLifeCycle;
  /** How the product was recognised, e.g. "IIS 7.5 ships with Windows Server 2008 R2". */
  readonly via: string;
}

function isIis(s: DetectedSoftware): boolean {
  return (
    /(?:^|\W)iis(?:\W|$)|internet information services/i.test(s.name) ||
    /:internet_information_services$/.test(cpeVendorProduct(s.cpe ?? '') ?? '')
  );
}

function productFor(catalogue: EndOfLifeCatalogue, s: DetectedSoftware): EndOfLifeProduct | undefined {
  const vp = s.cpe ? cpeVendorProduct(s.cpe) : null;
  if (vp) {
    for (const p of catalogue.products.values()) if (p.cpes.includes(vp)) return p;
    const extra = EXTRA_CPES[vp];
    if (extra) return catalogue.products.get(extra);
  }
  const alias = NAME_ALIASES.find(([re]) => re.test(s.name.trim()));
  return alias ? catalogue.products.get(alias[1]) : undefined;
}

/** The date that decides: the cycle's eol, or for variants of one release the most generous. */
function eolTime(cycle: EndOfLifeCycle): number {
  if (cycle.eol === false) return Number.POSITIVE_INFINITY;
  if (cycle.eol === true) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(`${cycle.eol}T00:00:00Z`);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * The cycle of `version`: the longest release cycle that is a prefix of it on a dot boundary; when
 * several variants of that release exist (`13.0`, `13.0-sp3`), the one supported longest (the scanner
 * cannot see service packs, and must not call a patched server obsolete).
 */
export function cycleOfVersion(product: EndOfLifeProduct, version: string): EndOfLifeCycle | undefined {
  const v = version.trim().toLowerCase();
  let best: { length: number; cycle: EndOfLifeCycle } | undefined;
  for (const cycle of product.cycles) {
    const base = cycle.cycle.toLowerCase().split('-')[0] as string;
    if (
      base === '' ||
      !(
        v === base ||
        v.startsWith(`${base}.`) ||
        v.startsWith(`${base}-`) ||
        (/\d$/.test(base) && new RegExp(`^${base.replace(/\./g, '\\.')}[a-z]`).test(v))
      )
    )
      continue;
    if (
      best === undefined ||
      base.length > best.length ||
      (base.length === best.length && eolTime(cycle) > eolTime(best.cycle))
    ) {
      best = { length: base.length, cycle };
    }
  }
  return best?.cycle;
}

/** Maps a detected product and version to its product file and cycle, or undefined. */
export function matchEndOfLife(
  catalogue: EndOfLifeCatalogue,
  software: DetectedSoftware,
): CycleMatch | undefined {
  if (software.version.trim() === '' || !/\d/.test(software.version)) return undefined;
  if (isIis(software)) {
    const windows = catalogue.products.get('windows-server');
    const release = IIS_TO_WINDOWS[software.version.split('.').slice(0, 2).join('.')];
    const cycle = release ? windows?.cycles.find((c) => c.cycle === release) : undefined;
    if (!windows || !cycle) return undefined;
    return {
      product: windows,
      cycle,
      via: `IIS ${software.version} ships with ${cycle.label ?? `Windows Server ${cycle.cycle}`}`,
    };
  }
  const product = productFor(catalogue, software);
  if (!product) return undefined;
  const cycle = cycleOfVersion(product, software.version);
  return cycle ? { product, cycle, via: `${product.title} ${cycle.cycle}` } : undefined;
}

/** True when the cycle's end of life is on or before `now`. */
export function isPastEndOfLife(cycle: EndOfLifeCycle, now: Date): boolean {
  return eolTime(cycle) <= now.getTime();
}
