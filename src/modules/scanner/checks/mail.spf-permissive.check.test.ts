import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { mailSpfPermissiveCheck } from './mail.spf-permissive.check.js';

describe('mail.spf-permissive', () => {
  runCheckFixtures(mailSpfPermissiveCheck);
});
