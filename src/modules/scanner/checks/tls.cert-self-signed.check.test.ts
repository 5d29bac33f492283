import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsCertSelfSignedCheck } from './tls.cert-self-signed.check.js';

describe('tls.cert-self-signed', () => {
  runCheckFixtures(tlsCertSelfSignedCheck);
});
