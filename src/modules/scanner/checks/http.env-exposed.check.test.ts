import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpEnvExposedCheck } from './http.env-exposed.check.js';

describe('http.env-exposed', () => {
  runCheckFixtures(httpEnvExposedCheck);
});
