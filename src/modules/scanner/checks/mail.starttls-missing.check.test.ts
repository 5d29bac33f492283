import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailStarttlsMissingCheck } from './mail.starttls-missing.check.js';

describe('mail.starttls-missing', () => {
  runCheckFixtures(mailStarttlsMissingCheck);
});
