// Shared test setup: DOM matchers and axe only where a DOM exists.
if (typeof document !== 'undefined') {
    require('@testing-library/jest-dom');
    const { toHaveNoViolations } = require('jest-axe');
    expect.extend(toHaveNoViolations);
    // The platform registers Fluent's icon font in model-driven apps; unit tests do not load fonts.
    require('@fluentui/react').setIconOptions({ disableWarnings: true });
}
