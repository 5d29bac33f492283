import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { dnsVersionDisclosureCheck } from './dns.version-disclosure.check.js';

describe('dns.version-disclosure', () => {
  runCheckFixtures(dnsVersionDisclosureCheck);
});
