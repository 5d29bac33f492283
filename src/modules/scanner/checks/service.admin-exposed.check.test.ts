import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceAdminExposedCheck } from './service.admin-exposed.check.js';

describe('service.admin-exposed', () => {
  runCheckFixtures(serviceAdminExposedCheck);
});
