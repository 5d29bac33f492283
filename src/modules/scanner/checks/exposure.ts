/** The shape most `service.*-exposed` checks share: one finding per service of given protocols. Pure. */
import type { AssessmentInput } from '../assess/assessment.types.js';
import { buildFinding } from '../findings/finding.build.js';
import type { CheckDefinition, Finding, FindingSeverity } from '../findings/finding.types.js';
import { endpointLabel, productLabel, servicesOf, serviceTarget, type ServiceView } from './service-view.js';

/** Per-check variations of an exposure finding. */
export interface ExposureOptions {
  /** Protocol facts added to the evidence. */
  readonly describe?: (view: ServiceView) => string;
  /** A severity other than the definition's for this service. */
  readonly severity?: (view: ServiceView) => FindingSeverity | undefined;
  /** Services to leave out (another check reports them). */
  readonly include?: (view: ServiceView) => boolean;
}

/** `nginx 1.22.1 (http)`, or the protocol alone when no product is known. */
function what(view: ServiceView): string {
  return view.service.product
    ? `${productLabel(view.service)} (${view.service.protocol})`
    : view.service.protocol.toUpperCase();
}

/** One finding per service speaking one of `protocols`. */
export function exposureFindings(
  input: AssessmentInput,
  definition: CheckDefinition,
  protocols: readonly string[],
  options: ExposureOptions = {},
): Finding[] {
  return servicesOf(input, ...protocols)
    .filter((view) => options.include?.(view) ?? true)
    .map((view) => {
      const extra = options.describe?.(view) ?? '';
      const severity = options.severity?.(view);
      return buildFinding(definition, {
        target: serviceTarget(view),
        evidence: `${what(view)} reachable on ${endpointLabel(view)}${extra ? `; ${extra}` : ''}`,
        ...(severity ? { severity } : {}),
      });
    });
}
