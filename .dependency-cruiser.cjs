/**
 * The layer rule of docs/architecture.md: apps → modules → platform → db → lib, and modules
 * talk to each other only through their index.ts.
 */
module.exports = {
  forbidden: [
    { name: 'lib-is-pure', severity: 'error', from: { path: '^src/lib' }, to: { path: '^src/(db|platform|modules|apps)' } },
    { name: 'db-below-platform', severity: 'error', from: { path: '^src/db' }, to: { path: '^src/(platform|modules|apps)' } },
    { name: 'platform-below-modules', severity: 'error', from: { path: '^src/platform' }, to: { path: '^src/(modules|apps)' } },
    {
      name: 'modules-below-apps',
      comment: 'Integration tests may build the whole app; module code may not.',
      severity: 'error',
      from: { path: '^src/modules', pathNot: '\\.int\\.test\\.tsx?$' },
      to: { path: '^src/apps' },
    },
    {
      name: 'module-through-index',
      comment: 'Another module is reached only through its index.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^src/modules' }, to: { circular: true, path: '^src/modules/[^/]+/index\\.ts$' } },
    { name: 'no-test-in-prod', severity: 'error', from: { path: '^src', pathNot: '\\.test\\.tsx?$' }, to: { path: '(\\.test\\.tsx?$|^test/)' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist|node_modules)' },
  },
};
