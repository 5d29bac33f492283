import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceSmb1EnabledCheck } from './service.smb1-enabled.check.js';

describe('service.smb1-enabled', () => {
  runCheckFixtures(serviceSmb1EnabledCheck);
});
