/** Unit and integration tests (node by default; UI tests opt into jsdom with a @jest-environment docblock). */
const swc = [
    '@swc/jest',
    {
        jsc: {
            parser: { syntax: 'typescript', tsx: true },
            transform: { react: { runtime: 'classic' } },
            target: 'es2022',
        },
        module: { type: 'commonjs' },
    },
];

module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    transform: { '^.+\\.(t|j)sx?$': swc },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
    testTimeout: 30000,
};
