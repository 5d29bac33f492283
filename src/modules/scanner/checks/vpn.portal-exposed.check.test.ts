import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { vpnPortalExposedCheck } from './vpn.portal-exposed.check.js';

describe('vpn.portal-exposed', () => {
  runCheckFixtures(vpnPortalExposedCheck);
});
