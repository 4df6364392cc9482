/** @jest-environment jsdom */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const UI = join(__dirname, '..', '..', 'src', 'ui');
const MEMO = Symbol.for('react.memo');

function componentFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return componentFiles(path);
        return entry.name.endsWith('.tsx') ? [path] : [];
    });
}

// A production bundle renames functions, so without displayName React's component stacks and DevTools show "Memo".
describe('memoised UI components', () => {
    const memoised = componentFiles(UI).flatMap((file) =>
        Object.entries(require(file) as Record<string, unknown>)
            .filter(([, value]) => (value as { $$typeof?: symbol } | null)?.$$typeof === MEMO)
            .map(([name, value]) => ({ file: relative(UI, file), name, value: value as { displayName?: string } })),
    );

    it('are found in src/ui', () => {
        expect(memoised.length).toBeGreaterThanOrEqual(30);
    });

    it.each(memoised.map((m) => [`${m.file} ${m.name}`, m] as const))(
        '%s has its export name as displayName',
        (_, m) => {
            expect(m.value.displayName).toBe(m.name);
        },
    );
});
