import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailSpfInvalidCheck } from './mail.spf-invalid.check.js';

describe('mail.spf-invalid', () => {
  runCheckFixtures(mailSpfInvalidCheck);
});
