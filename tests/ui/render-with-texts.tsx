/** Rendering a component as App does: below a TextsProvider with the strings and formats it reads. */
import * as React from 'react';
import { render } from '@testing-library/react';
import { createTexts, TextsProvider, type Texts, type UserLocale } from '../../src/ui/texts';
import { resxStrings } from '../resx-strings';

/**
 * What a test gives: any of the strings and formatters, else the English resx strings and the formats of `locale` (a
 * BCP 47 tag: Intl's formats; or a whole UserLocale, as the platform's settings give it).
 */
export type TestTexts = Partial<Texts> & { locale?: string | UserLocale };

/**
 * Render `ui` below a TextsProvider; rerender keeps the provider. By default the component shows the shipped English
 * sentences, so a test sees what the admin reads, placeholders filled in.
 */
export function renderWithTexts(ui: React.ReactElement, { locale, ...given }: TestTexts = {}) {
    // Built from the given strings, so the calendar's button names come from them too.
    const getString = given.getString ?? resxStrings(1033);
    const userLocale = typeof locale === 'string' ? { language: locale } : locale;
    const texts: Texts = { ...createTexts(getString, userLocale), ...given };
    const wrapper = ({ children }: { children: React.ReactElement }) => (
        <TextsProvider value={texts}>{children}</TextsProvider>
    );
    return render(ui, { wrapper });
}
