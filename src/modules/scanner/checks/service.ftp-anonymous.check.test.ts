import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceFtpAnonymousCheck } from './service.ftp-anonymous.check.js';

describe('service.ftp-anonymous', () => {
  runCheckFixtures(serviceFtpAnonymousCheck);
});
