import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINDINGS, CONTROL_NAME, SOLUTION_UNIQUE_NAME } from '../../solution/deploy/control';
import { ROOT } from './cli-kit';

const manifest = readFileSync(join(ROOT, 'ControlManifest.Input.xml'), 'utf8');
const solution = readFileSync(join(ROOT, 'solution', 'src', 'Other', 'Solution.xml'), 'utf8');

describe('control constants', () => {
    it('name the control as <publisher prefix>_<namespace>.<constructor> of the sources', () => {
        const prefix = /<CustomizationPrefix>([^<]+)<\/CustomizationPrefix>/.exec(solution)?.[1];
        const namespace = /<control[^>]*\snamespace="([^"]+)"/.exec(manifest)?.[1];
        const constructor = /<control[^>]*\sconstructor="([^"]+)"/.exec(manifest)?.[1];
        expect(CONTROL_NAME).toBe(`${prefix}_${namespace}.${constructor}`);
        expect(solution).toContain(`<UniqueName>${SOLUTION_UNIQUE_NAME}</UniqueName>`);
    });

    it('bind only bound properties the manifest declares', () => {
        for (const { property } of BINDINGS)
            expect(manifest).toMatch(new RegExp(`<property name="${property}"[^>]*usage="bound"`));
    });
});
