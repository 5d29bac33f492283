/**
 * The explicit list of checks, in catalogue order (`CATALOGUE.md`). Adding a check: see README.md.
 */
import type { Check } from '../findings/finding.types.js';
import { dnsDanglingCnameCheck } from './dns.dangling-cname.check.js';
import { dnsDnssecMissingCheck } from './dns.dnssec-missing.check.js';
import { dnsVersionDisclosureCheck } from './dns.version-disclosure.check.js';
import { dnsZoneTransferCheck } from './dns.zone-transfer.check.js';
import { httpBackupExposedCheck } from './http.backup-exposed.check.js';
import { httpDefaultPageCheck } from './http.default-page.check.js';
import { httpDirectoryListingCheck } from './http.directory-listing.check.js';
import { httpEnvExposedCheck } from './http.env-exposed.check.js';
import { httpGitExposedCheck } from './http.git-exposed.check.js';
import { httpHeadersMissingCheck } from './http.headers-missing.check.js';
import { httpHstsMissingCheck } from './http.hsts-missing.check.js';
import { httpNoHttpsCheck } from './http.no-https.check.js';
import { httpVersionDisclosureCheck } from './http.version-disclosure.check.js';
import { mailDkimMissingCheck } from './mail.dkim-missing.check.js';
import { mailDmarcMissingCheck } from './mail.dmarc-missing.check.js';
import { mailDmarcWeakCheck } from './mail.dmarc-weak.check.js';
import { mailMtaStsMissingCheck } from './mail.mta-sts-missing.check.js';
import { mailSpfInvalidCheck } from './mail.spf-invalid.check.js';
import { mailSpfMissingCheck } from './mail.spf-missing.check.js';
import { mailSpfPermissiveCheck } from './mail.spf-permissive.check.js';
import { mailStarttlsMissingCheck } from './mail.starttls-missing.check.js';
import { mailTlsRptMissingCheck } from './mail.tls-rpt-missing.check.js';
import { serviceAdminExposedCheck } from './service.admin-exposed.check.js';
import { serviceDatabaseExposedCheck } from './service.database-exposed.check.js';
import { serviceDicomExposedCheck } from './service.dicom-exposed.check.js';
import { serviceDicomOpenAssociationCheck } from './service.dicom-open-association.check.js';
import { serviceFtpAnonymousCheck } from './service.ftp-anonymous.check.js';
import { serviceHl7ExposedCheck } from './service.hl7-exposed.check.js';
import { serviceRdpExposedCheck } from './service.rdp-exposed.check.js';
import { serviceRdpNoNlaCheck } from './service.rdp-no-nla.check.js';
import { serviceRedisNoauthCheck } from './service.redis-noauth.check.js';
import { serviceSmb1EnabledCheck } from './service.smb1-enabled.check.js';
import { serviceSmbExposedCheck } from './service.smb-exposed.check.js';
import { serviceSmbGuestAccessCheck } from './service.smb-guest-access.check.js';
import { serviceSmbSigningOptionalCheck } from './service.smb-signing-optional.check.js';
import { serviceSshExposedCheck } from './service.ssh-exposed.check.js';
import { serviceTelnetExposedCheck } from './service.telnet-exposed.check.js';
import { serviceVncExposedCheck } from './service.vnc-exposed.check.js';
import { softwareKnownCveCheck } from './software.known-cve.check.js';
import { softwareObsoleteCheck } from './software.obsolete.check.js';
import { tlsCertExpiredCheck } from './tls.cert-expired.check.js';
import { tlsCertExpiringCheck } from './tls.cert-expiring.check.js';
import { tlsCertNameMismatchCheck } from './tls.cert-name-mismatch.check.js';
import { tlsCertSelfSignedCheck } from './tls.cert-self-signed.check.js';
import { tlsCipherWeakCheck } from './tls.cipher-weak.check.js';
import { tlsProtocolLegacyCheck } from './tls.protocol-legacy.check.js';
import { vpnPortalExposedCheck } from './vpn.portal-exposed.check.js';

/** Every check Hygie runs, catalogue order first, then the additions. */
export const checks: readonly Check[] = [
  dnsZoneTransferCheck,
  dnsDanglingCnameCheck,
  dnsDnssecMissingCheck,
  mailSpfMissingCheck,
  mailSpfPermissiveCheck,
  mailDmarcMissingCheck,
  mailDmarcWeakCheck,
  mailMtaStsMissingCheck,
  mailStarttlsMissingCheck,
  tlsProtocolLegacyCheck,
  tlsCertExpiredCheck,
  tlsCertExpiringCheck,
  tlsCertSelfSignedCheck,
  tlsCertNameMismatchCheck,
  tlsCipherWeakCheck,
  httpNoHttpsCheck,
  httpHstsMissingCheck,
  httpHeadersMissingCheck,
  httpVersionDisclosureCheck,
  httpGitExposedCheck,
  httpEnvExposedCheck,
  httpDirectoryListingCheck,
  httpDefaultPageCheck,
  softwareObsoleteCheck,
  softwareKnownCveCheck,
  serviceRdpExposedCheck,
  serviceRdpNoNlaCheck,
  serviceSmbExposedCheck,
  serviceSmb1EnabledCheck,
  serviceSmbSigningOptionalCheck,
  serviceDicomExposedCheck,
  serviceDicomOpenAssociationCheck,
  serviceHl7ExposedCheck,
  serviceDatabaseExposedCheck,
  serviceRedisNoauthCheck,
  serviceFtpAnonymousCheck,
  serviceTelnetExposedCheck,
  serviceVncExposedCheck,
  serviceSshExposedCheck,
  serviceAdminExposedCheck,
  vpnPortalExposedCheck,
  // Added to the shared catalogue (CATALOGUE.md marks them).
  dnsVersionDisclosureCheck,
  mailSpfInvalidCheck,
  mailDkimMissingCheck,
  mailTlsRptMissingCheck,
  httpBackupExposedCheck,
  serviceSmbGuestAccessCheck,
];

/** A check by id, or undefined. */
export function checkById(id: string): Check | undefined {
  return checks.find((c) => c.definition.id === id);
}
