import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { dnsDanglingCnameCheck } from './dns.dangling-cname.check.js';

describe('dns.dangling-cname', () => {
  runCheckFixtures(dnsDanglingCnameCheck);
});
