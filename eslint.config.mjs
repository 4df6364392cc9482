import eslintjs from '@eslint/js';
import microsoftPowerApps from '@microsoft/eslint-plugin-power-apps';
import pluginPromise from 'eslint-plugin-promise';
import reactPlugin from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import importPlugin from 'eslint-plugin-import';
import sonarjs from 'eslint-plugin-sonarjs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Product code (the control in src/, the deploy CLI in solution/deploy/): type-checked rules and size limits. */
const STRICT_PRODUCT_RULES = {
    ...Object.fromEntries(
        tseslint.configs.recommendedTypeChecked
            .flatMap((c) => Object.entries(c.rules ?? {}))
            .filter(([name]) => name.startsWith('@typescript-eslint/')),
    ),
    '@typescript-eslint/no-explicit-any': 'error',
    'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true, IIFEs: true }],
    'no-console': 'error',
};

/** A pure core gets its clock and randomness injected, so its tests need no timers or mocks. */
const INJECTED_CLOCK_AND_RANDOMNESS = [
    { object: 'Date', property: 'now', message: 'Inject a clock into core.' },
    { object: 'Math', property: 'random', message: 'Inject randomness into core.' },
];

export default tseslint.config(
    {
        ignores: [
            '**/generated/',
            'out/',
            'dist/',
            'deploy-logs/',
            'node_modules/',
            'coverage/',
            'test-results/',
            '.sandbox-state/',
        ],
    },
    eslintjs.configs.recommended,
    ...tseslint.configs.recommended,
    pluginPromise.configs['flat/recommended'],
    microsoftPowerApps.configs.paCheckerHosted,
    reactPlugin.configs.flat.recommended,
    {
        plugins: {
            '@microsoft/power-apps': microsoftPowerApps,
            'react-hooks': reactHooks,
            import: importPlugin,
            sonarjs,
        },
        languageOptions: { globals: { ...globals.browser, ComponentFramework: true } },
        settings: {
            react: { version: '16.14' },
            'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
        },
        rules: {
            'react-hooks/rules-of-hooks': 'error',
            'react-hooks/exhaustive-deps': 'error',
            'react/prop-types': 'off',
            'sonarjs/no-identical-functions': 'error',
            'import/no-cycle': 'error',
            'no-restricted-syntax': [
                'error',
                {
                    selector: "AssignmentExpression[left.property.name='innerHTML']",
                    message: 'Render server data as text.',
                },
            ],
            'react/no-danger': 'error',
        },
    },
    {
        files: ['src/**/*.{ts,tsx}'],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            ...STRICT_PRODUCT_RULES,
            'import/no-restricted-paths': [
                'error',
                {
                    zones: [
                        {
                            target: './src/core',
                            from: ['./src/dataverse', './src/ui', './src/pcf', './src/index.ts'],
                            message: 'core is pure: it imports nothing of ours.',
                        },
                        {
                            target: './src/dataverse',
                            from: ['./src/ui', './src/pcf', './src/index.ts'],
                            message: 'dataverse may use core only.',
                        },
                        {
                            target: './src/ui',
                            from: ['./src/dataverse', './src/pcf', './src/index.ts'],
                            message: 'UI gets actions as props; it never calls the Web API.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['src/core/**/*.ts'],
        rules: {
            'no-restricted-globals': ['error', 'fetch', 'setTimeout', 'setInterval', 'XMLHttpRequest'],
            'no-restricted-properties': ['error', ...INJECTED_CLOCK_AND_RANDOMNESS],
        },
    },
    {
        // The deploy CLI (Node): the same type-checked rules and size limits as src/, its core kept pure.
        files: ['solution/deploy/**/*.ts'],
        languageOptions: {
            globals: { ...globals.node },
            parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            ...STRICT_PRODUCT_RULES,
            'import/no-restricted-paths': [
                'error',
                {
                    zones: [
                        {
                            target: './solution/deploy/core',
                            from: ['./solution/deploy/auth', './solution/deploy/web', './solution/deploy/commands'],
                            message: 'deploy core is pure: no sign-in, Web API or command code.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['solution/deploy/core/**/*.ts'],
        rules: {
            'no-restricted-globals': ['error', 'fetch', 'setTimeout', 'setInterval'],
            'no-restricted-imports': ['error', { patterns: ['node:fs', 'node:http', 'node:child_process'] }],
            'no-restricted-properties': ['error', ...INJECTED_CLOCK_AND_RANDOMNESS],
        },
    },
    {
        // The packer (solution/pack) is a Node script like scripts/; the deploy CLI keeps its stricter block above.
        files: ['tests/**/*', 'scripts/**/*', 'solution/pack/**/*', 'bench/**/*', '*.config.*'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
    },
);
