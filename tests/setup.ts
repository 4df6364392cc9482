// Shared test setup: DOM matchers and axe only where a DOM exists.
if (typeof document !== 'undefined') {
    require('@testing-library/jest-dom');
    const { toHaveNoViolations } = require('jest-axe');
    expect.extend(toHaveNoViolations);
    // The platform registers Fluent's icon font in model-driven apps; unit tests do not load fonts.
    require('@fluentui/react').setIconOptions({ disableWarnings: true });
    // findBy… and waitFor wait for what the user would see; the library's default of 1 s is a guess at machine speed
    // that a loaded CI machine misses (rendering 5,000 rows took 4 s here while a browser test ran alongside).
    require('@testing-library/react').configure({ asyncUtilTimeout: 10_000 });
    // Fluent measures and positions in animation frames (ResizeGroup in the command bar, Callout). A browser paints
    // those before the user sees anything, so tests run them inside act() like any other React update.
    const { act } = require('react-dom/test-utils');
    const nextFrame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) =>
        nextFrame((time) =>
            act(() => {
                callback(time);
            }),
        );
}

// A React warning (an update outside act(), a missing key, an unknown prop…) fails the test that caused it.
if (typeof document !== 'undefined') {
    const { format } = require('node:util');
    const warnings: string[] = [];
    const consoleError = console.error.bind(console);
    console.error = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('Warning:')) warnings.push(format(...args));
        consoleError(...args);
    };
    afterEach(() => {
        const seen = warnings.splice(0);
        if (seen.length > 0) throw new Error(`React warned during this test:\n${seen.join('\n')}`);
    });
}
