/**
 * The knowledge base as the other parts of the vuln-watch module use it (bulletins, portal,
 * indicators, subscriptions, digests). Module-internal: other modules go through `index.ts`.
 * Functions take `db` first and do no authorisation: the calling service decides who may see
 * what. Everything here is stable API; ask before changing a signature.
 */

// CVEs
export {
  getCve,
  findCves,
  searchCves,
  matchCpe,
  cvesAffectingProduct,
  cveCountsByMonth,
  kevAdditionsByMonth,
  readCandidateCpe,
} from './cve.queries.js';
export type { CpeMatchResult, CveSearch, MonthlySeverityCount } from './cve.queries.js';
export { listCvesChangedSince } from './cve.repository.js';

// Products and deployments
export {
  findProduct,
  listProducts,
  listDeployments,
  type DeploymentWithProduct,
} from './product.repository.js';
export { getProduct } from './product.queries.js';
export { PRODUCT_CATEGORIES } from './product.service.js';

// Matching, scores, versions (pure)
export { matchCve, type CveMatch, type MatchVia, type MatchCertainty } from './cpe/cpe-match.js';
export { parseCpe, formatCpe, buildCpe, CpeError, type CpeName } from './cpe/cpe.js';
export { nameKey, vendorKey, productKey, isPlaceholderName } from './cpe/product-names.js';
export { compareVersions, versionInRange, describeBounds } from './versions/version-compare.js';
export { ALERT_THRESHOLD, severityOf } from './scores/score-selection.js';
export { affectedVersionsInWords, configurationsInWords } from './cve.words.js';

// Imports and the bulletin hand-off
export {
  importCves,
  PROPOSE_BULLETINS_JOB,
  type ImportInput,
  type ImportOptions,
  type ProposeBulletinsPayload,
} from './import.service.js';
export type { ImportRun, ImportCounts, ImportIssue } from './import.types.js';
export { listImportRuns, findImportRun } from './import.repository.js';
