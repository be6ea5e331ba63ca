import type { Config } from 'jest';

/** Jest runs the TypeScript sources directly through ts-jest; type-checking is `npm run typecheck`. */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/dist/scripts/jest-summary-reporter.js'],
};

export default config;
