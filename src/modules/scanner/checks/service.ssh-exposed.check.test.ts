import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceSshExposedCheck } from './service.ssh-exposed.check.js';

describe('service.ssh-exposed', () => {
  runCheckFixtures(serviceSshExposedCheck);
});
