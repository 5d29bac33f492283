import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { tlsCipherWeakCheck } from './tls.cipher-weak.check.js';

describe('tls.cipher-weak', () => {
  runCheckFixtures(tlsCipherWeakCheck);
});
