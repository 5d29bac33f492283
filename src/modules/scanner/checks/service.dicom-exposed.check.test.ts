import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceDicomExposedCheck } from './service.dicom-exposed.check.js';

describe('service.dicom-exposed', () => {
  runCheckFixtures(serviceDicomExposedCheck);
});
