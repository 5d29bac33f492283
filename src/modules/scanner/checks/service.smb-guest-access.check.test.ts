import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceSmbGuestAccessCheck } from './service.smb-guest-access.check.js';

describe('service.smb-guest-access', () => {
  runCheckFixtures(serviceSmbGuestAccessCheck);
});
