import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpGitExposedCheck } from './http.git-exposed.check.js';

describe('http.git-exposed', () => {
  runCheckFixtures(httpGitExposedCheck);
});
