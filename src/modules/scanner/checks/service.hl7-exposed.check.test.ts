import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceHl7ExposedCheck } from './service.hl7-exposed.check.js';

describe('service.hl7-exposed', () => {
  runCheckFixtures(serviceHl7ExposedCheck);
});
