import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpBackupExposedCheck } from './http.backup-exposed.check.js';

describe('http.backup-exposed', () => {
  runCheckFixtures(httpBackupExposedCheck);
});
