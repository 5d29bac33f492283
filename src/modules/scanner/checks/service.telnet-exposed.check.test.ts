import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceTelnetExposedCheck } from './service.telnet-exposed.check.js';

describe('service.telnet-exposed', () => {
  runCheckFixtures(serviceTelnetExposedCheck);
});
