/** Rendering a component as App does: below a TextsProvider with the strings and formats it reads. */
import * as React from 'react';
import { render } from '@testing-library/react';
import type { GetString } from '../../src/ui/strings';
import { createTexts, TextsProvider, type Texts } from '../../src/ui/texts';
import { fakeGetString } from '../fakes/fake-context';

/** What a test gives: any of the strings and formatters, else fakeGetString and the formats of `locale`. */
export type TestTexts = Partial<Texts> & { locale?: string };

/** Render `ui` below a TextsProvider; rerender keeps the provider. */
export function renderWithTexts(ui: React.ReactElement, { locale, ...given }: TestTexts = {}) {
    // Built from the given strings, so the calendar's button names come from them too.
    const getString = given.getString ?? (fakeGetString as GetString);
    const texts: Texts = { ...createTexts(getString, locale, given.firstDayOfWeek), ...given };
    const wrapper = ({ children }: { children: React.ReactElement }) => (
        <TextsProvider value={texts}>{children}</TextsProvider>
    );
    return render(ui, { wrapper });
}
