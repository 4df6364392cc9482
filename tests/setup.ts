// Shared test setup: DOM matchers only where a DOM exists.
if (typeof document !== 'undefined') {
    require('@testing-library/jest-dom');
}
