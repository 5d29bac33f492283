import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { dnsDnssecMissingCheck } from './dns.dnssec-missing.check.js';

describe('dns.dnssec-missing', () => {
  runCheckFixtures(dnsDnssecMissingCheck);
});
