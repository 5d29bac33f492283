import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailTlsRptMissingCheck } from './mail.tls-rpt-missing.check.js';

describe('mail.tls-rpt-missing', () => {
  runCheckFixtures(mailTlsRptMissingCheck);
});
