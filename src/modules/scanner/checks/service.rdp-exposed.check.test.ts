import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceRdpExposedCheck } from './service.rdp-exposed.check.js';

describe('service.rdp-exposed', () => {
  runCheckFixtures(serviceRdpExposedCheck);
});
