import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceDatabaseExposedCheck } from './service.database-exposed.check.js';

describe('service.database-exposed', () => {
  runCheckFixtures(serviceDatabaseExposedCheck);
});
