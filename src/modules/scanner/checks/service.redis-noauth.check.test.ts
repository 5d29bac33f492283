import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceRedisNoauthCheck } from './service.redis-noauth.check.js';

describe('service.redis-noauth', () => {
  runCheckFixtures(serviceRedisNoauthCheck);
});
