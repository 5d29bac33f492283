import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailDmarcWeakCheck } from './mail.dmarc-weak.check.js';

describe('mail.dmarc-weak', () => {
  runCheckFixtures(mailDmarcWeakCheck);
});
