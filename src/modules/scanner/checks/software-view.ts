/** The products and versions a service shows (its own, and its web technologies). Pure. */
import type { ServiceObservation } from '../scanner.types.js';

/** One detected product with a version. */
export interface DetectedProduct {
  readonly name: string;
  readonly version: string;
  /** CPE 2.3 name when known (the observation's, with its version). */
  readonly cpe?: string;
}

/** `cpe:2.3:a:f5:nginx:1.22.1:…` → `f5:nginx`. */
function vendorProduct(cpe: string): string {
  return cpe.split(':').slice(3, 5).join(':').toLowerCase();
}

/** True when a CPE 2.3 name carries a concrete version. */
export function cpeHasVersion(cpe: string): boolean {
  const version = cpe.split(':')[5];
  return (
    cpe.startsWith('cpe:2.3:') &&
    version !== undefined &&
    version !== '*' &&
    version !== '-' &&
    version !== ''
  );
}

/** The service's product (with the CPE naming it) and its technologies, each with a version. */
export function detectedProducts(service: ServiceObservation): DetectedProduct[] {
  const out: DetectedProduct[] = [];
  const cpes = (service.cpe ?? []).filter((c) => c.startsWith('cpe:2.3:a:') || c.startsWith('cpe:2.3:o:'));
  if (service.product && service.version) {
    const productWords = service.product
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2);
    const own =
      cpes.find((c) => cpeHasVersion(c) && productWords.some((w) => vendorProduct(c).includes(w))) ??
      cpes.find((c) => cpeHasVersion(c) && c.startsWith('cpe:2.3:a:'));
    out.push({ name: service.product, version: service.version, ...(own ? { cpe: own } : {}) });
  }
  for (const t of service.technologies ?? []) {
    if (!t.version || out.some((p) => p.name.toLowerCase() === t.name.toLowerCase())) continue;
    const cpe =
      t.cpe && cpeHasVersion(t.cpe)
        ? t.cpe
        : t.cpe
          ? t.cpe
              .split(':')
              .map((part, i) => (i === 5 ? t.version : part))
              .join(':')
          : undefined;
    out.push({ name: t.name, version: t.version, ...(cpe ? { cpe } : {}) });
  }
  return out;
}

/** The (CPE, version) pairs to ask the vulnerability knowledge base about. */
export function lookupPairs(service: ServiceObservation): { cpe: string; version: string; name: string }[] {
  return detectedProducts(service).flatMap((p) =>
    p.cpe ? [{ cpe: p.cpe, version: p.version, name: p.name }] : [],
  );
}
