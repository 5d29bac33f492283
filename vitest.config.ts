import { defineConfig } from 'vitest/config';

// Two projects: `unit` (no I/O, *.test.ts) and `int` (real database, loopback servers, browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.int.test.tsx', 'dist/**', 'node_modules/**'],
          setupFiles: ['test/support/setup-env.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'src/**/*.int.test.tsx', 'test/**/*.int.test.ts'],
          exclude: ['dist/**', 'node_modules/**'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
