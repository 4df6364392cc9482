/** A unified diff of two form XMLs, indented one element per line so only the changed elements show. */
import { createTwoFilesPatch } from 'diff';
import { prettyFormXml } from './formxml';

/** Unified diff (3 lines of context) between the form as it is and as the command would write it. */
export function formDiff(name: string, before: string, after: string): string {
    return createTwoFilesPatch(
        `${name} (now)`,
        `${name} (after)`,
        prettyFormXml(before),
        prettyFormXml(after),
        '',
        '',
        {
            context: 3,
        },
    );
}
