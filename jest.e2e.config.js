/** Browser end-to-end tests: real chromium against the sandbox host running the production bundle. */
const base = require('./jest.config.js');

/**
 * The 50,000-mailbox reload test (issue 14 item 8) runs only with E2E_SLOW=1 (`npm run test:slow`): after the
 * 2026-12-06 merges its resumed run hands about 240 mailboxes a minute to Dynamics (projected 199 min), a regression
 * still to be found (see issue 14's note), and `npm test` must stay well under CI's 90 minutes.
 */
const SLOW = ['/tests/e2e/bulk-run-50k.e2e.test.ts'];

module.exports = {
    ...base,
    testMatch: ['**/*.e2e.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', ...(process.env.E2E_SLOW === '1' ? [] : SLOW)],
    testTimeout: 120000,
    maxWorkers: 1,
};
