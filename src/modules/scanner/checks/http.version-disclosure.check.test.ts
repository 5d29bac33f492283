import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpVersionDisclosureCheck } from './http.version-disclosure.check.js';

describe('http.version-disclosure', () => {
  runCheckFixtures(httpVersionDisclosureCheck);
});
