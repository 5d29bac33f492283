import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsCertExpiredCheck } from './tls.cert-expired.check.js';

describe('tls.cert-expired', () => {
  runCheckFixtures(tlsCertExpiredCheck);
});
