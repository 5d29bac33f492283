import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsCertNameMismatchCheck } from './tls.cert-name-mismatch.check.js';

describe('tls.cert-name-mismatch', () => {
  runCheckFixtures(tlsCertNameMismatchCheck);
});
