import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceSmbExposedCheck } from './service.smb-exposed.check.js';

describe('service.smb-exposed', () => {
  runCheckFixtures(serviceSmbExposedCheck);
});
