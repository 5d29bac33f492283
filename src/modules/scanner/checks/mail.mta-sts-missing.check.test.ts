import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailMtaStsMissingCheck } from './mail.mta-sts-missing.check.js';

describe('mail.mta-sts-missing', () => {
  runCheckFixtures(mailMtaStsMissingCheck);
});
