import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceSmbSigningOptionalCheck } from './service.smb-signing-optional.check.js';

describe('service.smb-signing-optional', () => {
  runCheckFixtures(serviceSmbSigningOptionalCheck);
});
