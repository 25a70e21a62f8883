/** `npm run test:cluster`: several Strapi processes on PostgreSQL (127.0.0.1:5432, trust auth). */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 15 * 60_000,
};
