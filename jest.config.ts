import type { Config } from 'jest';

/**
 * Jest runs the TypeScript sources directly through ts-jest; type-checking is `npm run typecheck`.
 * In-tree adapter code (`arch/`, `fixtures/`) goes through the loader's transpilation with the
 * coroutine transform instead (compiled by `npm run build`, which `npm test` runs first).
 */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    [`^${__dirname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(arch|fixtures)/.+\\.ts$`]: '<rootDir>/dist/src/adapter/jestTransform.js',
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/dist/scripts/jest-summary-reporter.js'],
};

export default config;
