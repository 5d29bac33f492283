import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpHeadersMissingCheck } from './http.headers-missing.check.js';

describe('http.headers-missing', () => {
  runCheckFixtures(httpHeadersMissingCheck);
});
