import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsCertExpiringCheck } from './tls.cert-expiring.check.js';

describe('tls.cert-expiring', () => {
  runCheckFixtures(tlsCertExpiringCheck);
});
