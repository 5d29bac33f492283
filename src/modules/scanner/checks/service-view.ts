/**
 * Read-only views the checks share: each service with its host and what the assess observers added,
 * the finding target of a service, typed reads of probe `details`. Pure.
 */
import type { AssessmentInput, ServiceAssessment } from '../assess/assessment.types.js';
import type { FindingTarget } from '../findings/finding.types.js';
import type { HostObservation, ServiceObservation } from '../scanner.types.js';

/** One service, its host, and the assess observers' additions. */
export interface ServiceView {
  readonly host: HostObservation;
  readonly service: ServiceObservation;
  readonly assessment: ServiceAssessment | undefined;
}

/** Every service of the input, hosts in order. */
export function serviceViews(input: AssessmentInput): ServiceView[] {
  const byEndpoint = new Map(input.services.map((s) => [`${s.address}|${s.port}`, s]));
  return input.hosts.flatMap((host) =>
    host.services.map((service) => ({
      host,
      service,
      assessment: byEndpoint.get(`${host.address}|${service.port}`),
    })),
  );
}

/** Services speaking `protocol` (one of several). */
export function servicesOf(input: AssessmentInput, ...protocols: string[]): ServiceView[] {
  return serviceViews(input).filter((v) => protocols.includes(v.service.protocol));
}

/** Web services: an HTTP observation was made. */
export function webServices(
  input: AssessmentInput,
): (ServiceView & { readonly http: NonNullable<ServiceObservation['http']> })[] {
  return serviceViews(input).flatMap((v) => (v.service.http ? [{ ...v, http: v.service.http }] : []));
}

/** The target of a finding about a service (first host name, optional URL). */
export function serviceTarget(view: Pick<ServiceView, 'host' | 'service'>, url?: string): FindingTarget {
  return {
    address: view.host.address,
    port: view.service.port,
    ...(view.host.hostnames[0] ? { hostname: view.host.hostnames[0] } : {}),
    ...(url ? { url } : {}),
  };
}

/** `details[key]` when it is a boolean. */
export function detailFlag(service: ServiceObservation, key: string): boolean | undefined {
  const v = service.details?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** `details[key]` when it is a non-empty string. */
export function detailText(service: ServiceObservation, key: string): string | undefined {
  const v = service.details?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `details[key]` when it is a list of strings. */
export function detailList(service: ServiceObservation, key: string): string[] {
  const v = service.details?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `nginx 1.22.1`, `OpenSSH 9.2p1`, `redis` (protocol when nothing better is known). */
export function productLabel(service: ServiceObservation): string {
  if (service.product) return service.version ? `${service.product} ${service.version}` : service.product;
  return service.protocol;
}

/** `127.100.1.20:443 (www.chu-lab.test)`. */
export function endpointLabel(view: Pick<ServiceView, 'host' | 'service'>): string {
  const name = view.host.hostnames[0];
  return `${view.host.address}:${view.service.port}${name ? ` (${name})` : ''}`;
}

/** The URL a web service was observed at (its own origin + path). */
export function serviceUrl(view: Pick<ServiceView, 'host' | 'service'>, path = '/'): string {
  const scheme = view.service.tls || view.service.protocol === 'https' ? 'https' : 'http';
  const name = view.host.hostnames[0] ?? view.host.address;
  const shown = name.includes(':') ? `[${name}]` : name;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${shown}${view.service.port === defaultPort ? '' : `:${view.service.port}`}${path}`;
}
