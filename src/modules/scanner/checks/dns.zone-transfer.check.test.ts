import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { dnsZoneTransferCheck } from './dns.zone-transfer.check.js';

describe('dns.zone-transfer', () => {
  runCheckFixtures(dnsZoneTransferCheck);
});
