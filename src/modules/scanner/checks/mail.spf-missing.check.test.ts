import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailSpfMissingCheck } from './mail.spf-missing.check.js';

describe('mail.spf-missing', () => {
  runCheckFixtures(mailSpfMissingCheck);
});
