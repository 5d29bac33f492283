import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpNoHttpsCheck } from './http.no-https.check.js';

describe('http.no-https', () => {
  runCheckFixtures(httpNoHttpsCheck);
});
