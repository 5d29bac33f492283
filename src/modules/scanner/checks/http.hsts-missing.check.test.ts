import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpHstsMissingCheck } from './http.hsts-missing.check.js';

describe('http.hsts-missing', () => {
  runCheckFixtures(httpHstsMissingCheck);
});
