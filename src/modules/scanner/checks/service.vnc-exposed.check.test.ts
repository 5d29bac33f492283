import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceVncExposedCheck } from './service.vnc-exposed.check.js';

describe('service.vnc-exposed', () => {
  runCheckFixtures(serviceVncExposedCheck);
});
