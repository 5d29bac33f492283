/**
 * Vendor and product names as CNAs write them ("Palo Alto Networks" / "PAN-OS") against CPE
 * names (`paloaltonetworks:pan-os`): a normalised key (lower case, accents removed, letters and
 * digits only, company suffixes dropped) plus a small alias table for the names that normalising
 * alone does not bring together. Add an alias when a real record shows a miss.
 */

const COMPANY_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'ltd',
  'limited',
  'llc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'co',
  'company',
  'plc',
]);

const keys = new Map<string, string>();

/** Lower case, accents removed, letters and digits only; company suffixes and a leading "the" dropped. */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = computeNameKey(name);
    if (keys.size > 50_000) keys.clear();
    keys.set(name, key);
  }
  return key;
}

function computeNameKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\\(.)/g, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && COMPANY_SUFFIXES.has(words[words.length - 1] as string)) words.pop();
  if (words.length > 1 && words[0] === 'the') words.shift();
  return words.join('');
}

/** Vendor keys that name the same CPE vendor (key → CPE vendor key). */
const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  netscaler: 'citrix',
  cloudsoftwaregroup: 'citrix',
  pulsesecure: 'pulsesecure',
  ivantisoftware: 'ivanti',
  apachesoftwarefoundation: 'apache',
  phpgroup: 'php',
  wordpressorg: 'wordpress',
  wordpressfoundation: 'wordpress',
  gehealthcare: 'ge',
  generalelectric: 'ge',
  koninklijkephilips: 'philips',
  philipshealthcare: 'philips',
  vmwarebybroadcom: 'vmware',
  broadcom: 'vmware',
  f5networks: 'f5',
  openbsdproject: 'openbsd',
  opensslsoftwarefoundation: 'openssl',
  offisev: 'offis',
  sonicwallinc: 'sonicwall',
  paloalto: 'paloaltonetworks',
};

/** Product keys per CPE vendor key (CNA product key → CPE product key). */
const PRODUCT_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  citrix: {
    netscaleradc: 'netscalerapplicationdeliverycontroller',
    citrixadc: 'netscalerapplicationdeliverycontroller',
    netscaleradcandnetscalergateway: 'netscalerapplicationdeliverycontroller',
    citrixgateway: 'netscalergateway',
  },
  ivanti: {
    ivanticonnectsecure: 'connectsecure',
    ivantipolicysecure: 'policysecure',
    connectsecureics: 'connectsecure',
  },
  pulsesecure: { pulseconnectsecurepcs: 'pulseconnectsecure' },
  fortinet: { fortigate: 'fortios' },
  microsoft: { iis: 'internetinformationservices' },
  apache: {
    httpserver: 'httpserver',
    apachehttpserver: 'httpserver',
    tomcat: 'tomcat',
    apachetomcat: 'tomcat',
  },
  openbsd: { opensshportable: 'openssh' },
  vmware: { vmwareesxi: 'esxi', vcenter: 'vcenterserver', vmwarevcenterserver: 'vcenterserver' },
  paloaltonetworks: { panos: 'panos' },
  f5: { nginxplus: 'nginx', nginxopensource: 'nginx' },
};

/** The CPE-side vendor key of a vendor name. */
export function vendorKey(vendor: string): string {
  const key = nameKey(vendor);
  return VENDOR_ALIASES[key] ?? key;
}

/** The CPE-side product key of a product name, for a vendor key (the vendor's name is dropped from the front). */
export function productKey(vendorKeyValue: string, product: string): string {
  let key = nameKey(product);
  const aliases = PRODUCT_ALIASES[vendorKeyValue];
  const aliased = aliases?.[key];
  if (aliased) return aliased;
  // "Fortinet FortiOS", "Apache Tomcat": a product name that repeats its vendor.
  if (key.startsWith(vendorKeyValue) && key.length > vendorKeyValue.length + 2) {
    const stripped = key.slice(vendorKeyValue.length);
    key = aliases?.[stripped] ?? stripped;
  }
  return key;
}

/** True when the name says nothing (`n/a`, `unknown`, `-`, empty). */
export function isPlaceholderName(name: string): boolean {
  return ['', 'na', 'unknown', 'unspecified', 'none'].includes(nameKey(name)) || /^[-*]$/.test(name.trim());
}
