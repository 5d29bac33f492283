import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpDefaultPageCheck } from './http.default-page.check.js';

describe('http.default-page', () => {
  runCheckFixtures(httpDefaultPageCheck);
});
