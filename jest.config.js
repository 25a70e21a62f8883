/**
 * One jest run for the unit, emulator, integration and browser suites (`npm test`).
 * The cluster suite (PostgreSQL, several Strapi processes) has its own config: `npm run
 * test:cluster`.
 */
const path = require('path');

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pluginServerDist = path.join(__dirname, 'dist', 'server', 'index.js');

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
  },
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/playground/dist/',
    '<rootDir>/playground/.strapi/',
    '<rootDir>/.tmp/',
  ],
  // Strapi requires the plugin's built dist/server/index.js (the file must exist: `npm test` builds
  // it first). Inside jest that require goes to the TypeScript source, so tests always run the
  // current code.
  moduleNameMapper: {
    [`^${escapeRegExp(pluginServerDist)}$`]: '<rootDir>/server/src/index.ts',
  },
};

module.exports = {
  ...shared,
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  testTimeout: 60_000,
  collectCoverageFrom: ['server/src/**/*.ts', 'common/**/*.ts', 'emulator/src/**/*.ts'],
  maxWorkers: 1,
};
