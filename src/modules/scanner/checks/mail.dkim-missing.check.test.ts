import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailDkimMissingCheck } from './mail.dkim-missing.check.js';

describe('mail.dkim-missing', () => {
  runCheckFixtures(mailDkimMissingCheck);
});
