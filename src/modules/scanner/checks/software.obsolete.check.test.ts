import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { softwareObsoleteCheck } from './software.obsolete.check.js';

describe('software.obsolete', () => {
  runCheckFixtures(softwareObsoleteCheck);
});
