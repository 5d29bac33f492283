import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { httpDirectoryListingCheck } from './http.directory-listing.check.js';

describe('http.directory-listing', () => {
  runCheckFixtures(httpDirectoryListingCheck);
});
