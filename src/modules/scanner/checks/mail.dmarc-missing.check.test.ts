import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailDmarcMissingCheck } from './mail.dmarc-missing.check.js';

describe('mail.dmarc-missing', () => {
  runCheckFixtures(mailDmarcMissingCheck);
});
