import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceRdpNoNlaCheck } from './service.rdp-no-nla.check.js';

describe('service.rdp-no-nla', () => {
  runCheckFixtures(serviceRdpNoNlaCheck);
});
