/** Views of the mail posture the mail checks share. Pure. */
import type { AssessmentInput, MailPosture } from '../assess/assessment.types.js';

/** Answer codes meaning the DNS really answered (a timeout proves nothing). */
export function answered(rcode: string): boolean {
  return rcode === 'NOERROR' || rcode === 'NXDOMAIN';
}

/** Domain targets that receive mail (non-null MX). */
export function mailDomains(input: AssessmentInput): MailPosture[] {
  return input.mail.filter((m) => m.apex && m.mx.length > 0);
}

/** Domain targets (zone apexes) whatever their mail. */
export function apexDomains(input: AssessmentInput): MailPosture[] {
  return input.mail.filter((m) => m.apex);
}
