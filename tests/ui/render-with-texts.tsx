/** Rendering a component as App does: below a TextsProvider with the strings and formats it reads. */
import * as React from 'react';
import { render } from '@testing-library/react';
import { createTexts, TextsProvider, type Texts } from '../../src/ui/texts';
import { resxStrings } from '../resx-strings';

/** What a test gives: any of the strings and formatters, else the English resx strings and the formats of `locale`. */
export type TestTexts = Partial<Texts> & { locale?: string };

/**
 * Render `ui` below a TextsProvider; rerender keeps the provider. By default the component shows the shipped English
 * sentences, so a test sees what the admin reads, placeholders filled in.
 */
export function renderWithTexts(ui: React.ReactElement, { locale, ...given }: TestTexts = {}) {
    // Built from the given strings, so the calendar's button names come from them too.
    const getString = given.getString ?? resxStrings(1033);
    const texts: Texts = { ...createTexts(getString, locale, given.firstDayOfWeek), ...given };
    const wrapper = ({ children }: { children: React.ReactElement }) => (
        <TextsProvider value={texts}>{children}</TextsProvider>
    );
    return render(ui, { wrapper });
}
