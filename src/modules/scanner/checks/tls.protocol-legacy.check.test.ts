import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsProtocolLegacyCheck } from './tls.protocol-legacy.check.js';

describe('tls.protocol-legacy', () => {
  runCheckFixtures(tlsProtocolLegacyCheck);
});
