import { describe } from 'vitest';
import { runCheckFixtures } from './check-fixtures.js';
import { serviceDicomOpenAssociationCheck } from './service.dicom-open-association.check.js';

describe('service.dicom-open-association', () => {
  runCheckFixtures(serviceDicomOpenAssociationCheck);
});
