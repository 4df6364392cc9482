/** Browser end-to-end tests: real chromium against the sandbox host running the production bundle. */
const base = require('./jest.config.js');

module.exports = {
    ...base,
    testMatch: ['**/*.e2e.test.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    testTimeout: 120000,
    maxWorkers: 1,
};
