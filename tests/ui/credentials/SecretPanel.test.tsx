/** @jest-environment jsdom */
import * as React from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { SecretPanel, type SecretPanelProps } from '../../../src/ui/credentials/SecretPanel';
import { resxStrings } from '../../resx-strings';
import { renderWithTexts, type TestTexts } from '../render-with-texts';
import { CULTURES } from '../../sandbox/host/cultures.js';

const SECRET = 'abc8Q~Zx1yW2vU3tS4rQ5pO6nM7lK8jI9hG0fE_d';
const SECRET_ID = '5b0f3a7e-2c1d-4e8f-9a6b-1c2d3e4f5a6b';
const TODAY = new Date('2026-11-23T09:00:00Z');
const en = resxStrings(1033);
const de = resxStrings(1031);
const SECRET_LABEL = en('Secret_Label');

function renderPanel(props: Partial<SecretPanelProps> = {}, texts: TestTexts = {}) {
    const onSaveSecret = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
    const view = renderWithTexts(
        <SecretPanel isSecretSet={false} onSaveSecret={onSaveSecret} today={TODAY} {...props} />,
        { locale: 'en-GB', ...texts },
    );
    return { ...view, onSaveSecret: (props.onSaveSecret as jest.Mock | undefined) ?? onSaveSecret };
}

async function openForm(user: ReturnType<typeof userEvent.setup>, name = en('Secret_Enter')) {
    await user.click(screen.getByRole('button', { name }));
    return screen.getByLabelText(SECRET_LABEL);
}

function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((_resolve) => (resolve = _resolve));
    return { promise, resolve };
}

describe('SecretPanel', () => {
    it('says whether a secret is set without ever showing it', async () => {
        const { container } = renderPanel({ isSecretSet: true });
        expect(screen.getByText(en('Secret_IsSet'))).toBeInTheDocument();
        expect(screen.queryByLabelText(SECRET_LABEL)).not.toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('uses a password field that browsers do not autofill', async () => {
        const user = userEvent.setup();
        renderPanel();
        const field = await openForm(user);
        expect(field).toHaveAttribute('type', 'password');
        expect(field).toHaveAttribute('autocomplete', 'off');
    });

    it('rejects a Secret ID pasted as the secret and never saves it', async () => {
        const user = userEvent.setup();
        const { onSaveSecret, container } = renderPanel();
        const field = await openForm(user);
        await user.click(field);
        await user.paste(SECRET_ID);
        expect(screen.getByRole('alert')).toHaveTextContent(
            "This is the Secret ID. Dynamics needs the secret's Value. Copy the Value column, not the Secret ID column.",
        );
        expect(screen.getByRole('button', { name: en('Secret_Save') })).toBeDisabled();
        await user.keyboard('{Enter}');
        expect(onSaveSecret).not.toHaveBeenCalled();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('offers to trim a secret pasted with spaces and saves the trimmed value', async () => {
        const user = userEvent.setup();
        const { onSaveSecret } = renderPanel();
        const field = await openForm(user);
        await user.click(field);
        await user.paste(` ${SECRET}\n`);
        expect(screen.getByRole('button', { name: en('Secret_Save') })).toBeDisabled();
        // The link says what it corrects, as on the ID fields, not the message's last sentence again.
        // (A password input drops the line break as it is pasted; the spaces stay.)
        const fix = `Apply fix: ${en('Fix_Trimmed')}`;
        await user.click(screen.getByRole('button', { name: fix }));
        await user.click(screen.getByRole('button', { name: en('Secret_Save') }));
        expect(onSaveSecret).toHaveBeenCalledWith(SECRET);
        expect(await screen.findByText(en('Secret_IsSet'))).toBeInTheDocument();
    });

    it('warns about a legacy-format secret but still allows saving it', async () => {
        const user = userEvent.setup();
        const { onSaveSecret } = renderPanel();
        const field = await openForm(user);
        await user.click(field);
        await user.paste('Ab+/Cd=Ef:Gh@Ij[Kl]Mn?Op*QrStUvWx');
        expect(
            await screen.findByText(
                'This secret has an older format. It still works until it expires. No action needed now. Note the expiry date and create a new secret before it.',
            ),
        ).toBeInTheDocument();
        await user.keyboard('{Enter}');
        await waitFor(() => expect(onSaveSecret).toHaveBeenCalledTimes(1));
        expect(await screen.findByText(en('Secret_IsSet'))).toBeInTheDocument();
    });

    it('shows only a masked preview and never mirrors the secret into the DOM', async () => {
        const user = userEvent.setup();
        const { container } = renderPanel();
        const field = await openForm(user);
        await user.click(field);
        await user.paste(SECRET);
        // The first three characters and the length: enough to recognise the secret, not enough to use it.
        expect(screen.getByText('abc…(40 characters)')).toBeInTheDocument();
        // The value stays in the input element only: no value attribute, no text, nothing in React's output.
        expect(field).not.toHaveAttribute('value');
        expect(container.innerHTML).not.toContain(SECRET.slice(0, 10));
    });

    it('clears the secret as soon as Save is pressed and shows "A secret is set" afterwards', async () => {
        const user = userEvent.setup();
        const save = deferred();
        const onSaveSecret = jest.fn(() => save.promise);
        const { container } = renderPanel({ onSaveSecret });
        const field = await openForm(user);
        await user.click(field);
        await user.paste(SECRET);
        await user.keyboard('{Enter}');
        expect(onSaveSecret).toHaveBeenCalledWith(SECRET);
        expect(field).toHaveValue('');
        await act(async () => {
            save.resolve();
            await save.promise;
        });
        expect(screen.getByText(en('Secret_IsSet'))).toBeInTheDocument();
        expect(screen.queryByLabelText(SECRET_LABEL)).not.toBeInTheDocument();
        expect(container.innerHTML).not.toContain(SECRET);
        expect(await axe(container)).toHaveNoViolations();
    });

    it('reports a failed save without keeping the secret', async () => {
        const user = userEvent.setup();
        const onSaveSecret = jest.fn(() => Promise.reject(new Error('Network down.')));
        const { container } = renderPanel({ onSaveSecret });
        const field = await openForm(user);
        await user.click(field);
        await user.paste(SECRET);
        await user.click(screen.getByRole('button', { name: en('Secret_Save') }));
        expect(
            await screen.findByText('The secret was not saved: Network down. Paste it again to retry.'),
        ).toBeInTheDocument();
        expect(field).toHaveValue('');
        expect(container.innerHTML).not.toContain(SECRET);
        expect(screen.getByText(en('Secret_NotSet'))).toBeInTheDocument();
    });

    it('discards the typed secret on Cancel', async () => {
        const user = userEvent.setup();
        const { onSaveSecret } = renderPanel({ isSecretSet: true });
        let field = await openForm(user, en('Secret_Replace'));
        await user.click(field);
        await user.paste(SECRET);
        await user.click(screen.getByRole('button', { name: en('Secret_Cancel') }));
        field = await openForm(user, en('Secret_Replace'));
        expect(field).toHaveValue('');
        expect(onSaveSecret).not.toHaveBeenCalled();
    });

    it('reaches the field and the buttons by Tab', async () => {
        const user = userEvent.setup();
        renderPanel();
        await user.tab();
        expect(screen.getByRole('button', { name: en('Secret_Enter') })).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(screen.getByLabelText(SECRET_LABEL)).toHaveFocus();
        await user.keyboard(SECRET);
        await user.tab();
        expect(screen.getByRole('button', { name: en('Secret_Save') })).toHaveFocus();
        await user.tab();
        expect(screen.getByRole('button', { name: en('Secret_Cancel') })).toHaveFocus();
    });

    it('moves the focus into the field it opens, and back to the button when it closes', async () => {
        // The button the keyboard pressed goes away with the form's opening and the form with its closing.
        const user = userEvent.setup();
        renderPanel({ isSecretSet: true });
        screen.getByRole('button', { name: en('Secret_Replace') }).focus();
        await user.keyboard('{Enter}');
        expect(screen.getByLabelText(SECRET_LABEL)).toHaveFocus();
        await user.tab(); // past Save secret, disabled while the field is empty
        expect(screen.getByRole('button', { name: en('Secret_Cancel') })).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(screen.getByRole('button', { name: en('Secret_Replace') })).toHaveFocus();
        await user.keyboard('{Enter}');
        await user.paste(SECRET);
        await user.keyboard('{Enter}');
        await waitFor(() => expect(screen.getByRole('button', { name: en('Secret_Replace') })).toHaveFocus());
    });

    it('offers no way to change anything on a read-only form', () => {
        renderPanel({ isReadOnly: true, isSecretSet: true });
        expect(screen.queryByRole('button', { name: en('Secret_Replace') })).not.toBeInTheDocument();
    });

    it('reminds when the secret expires within the reminder window', async () => {
        const { container } = renderPanel({
            isSecretSet: true,
            expiryDate: new Date('2026-12-10T00:00:00Z'),
            onSaveExpiry: jest.fn(),
        });
        expect(
            await screen.findByText(
                'The secret expires on 10 Dec 2026, in 17 days. Create a new one and replace it here before then.',
            ),
        ).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });

    it('writes the reminder date in the user locale', async () => {
        renderPanel({ expiryDate: new Date('2026-12-10T00:00:00Z') }, { locale: 'en-US' });
        expect(await screen.findByText(/^The secret expires on Dec 10, 2026, in 17 days\./)).toBeInTheDocument();
    });

    it('reminds in the singular the day before the secret expires', async () => {
        renderPanel({ expiryDate: new Date('2026-11-24T00:00:00Z') });
        expect(
            await screen.findByText(
                'The secret expires on 24 Nov 2026, in 1 day. Create a new one and replace it here before then.',
            ),
        ).toBeInTheDocument();
    });

    it('says the secret has expired once the date is passed', async () => {
        renderPanel({ expiryDate: new Date('2026-11-01T00:00:00Z') });
        expect(
            await screen.findByText(
                'The secret expired on 1 Nov 2026. Create a new secret in the app registration and replace it here.',
            ),
        ).toBeInTheDocument();
    });

    it('does not remind when the expiry is further away than reminderDays', () => {
        renderPanel({ expiryDate: new Date('2027-03-01T00:00:00Z'), reminderDays: 60 });
        expect(screen.queryByText(/The secret expires on/)).not.toBeInTheDocument();
    });

    it("opens the calendar in the admin's language, weeks starting on their first day of the week", async () => {
        const user = userEvent.setup();
        renderPanel(
            { isSecretSet: true, expiryDate: new Date('2026-12-10T00:00:00Z'), onSaveExpiry: jest.fn() },
            { getString: de, locale: 'de-DE', firstDayOfWeek: 1 },
        );
        await user.click(screen.getByLabelText(de('Secret_ExpiryLabel')));
        const [grid] = await screen.findAllByRole('grid');
        expect(document.body).toHaveTextContent('Dezember 2026');
        const weekdays = Array.from(grid.querySelectorAll('th'), (th) => th.getAttribute('title'));
        expect(weekdays).toEqual(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
        expect(screen.getByRole('button', { name: 'Zum vorherigen Monat November' })).toBeInTheDocument();
        expect(screen.getByRole('button', { name: 'Heute' })).toBeInTheDocument();
        expect(screen.getByRole('dialog', { name: 'Kalender' })).toBeInTheDocument();
        expect(screen.queryByText('December 2026')).not.toBeInTheDocument();
    });

    it("writes the date and the calendar in the Dynamics user's format, whatever Intl would say", async () => {
        const user = userEvent.setup();
        const dateFormat = CULTURES[1031].dateFormattingInfo;
        renderPanel(
            { isSecretSet: true, expiryDate: new Date('2026-12-10T00:00:00Z'), onSaveExpiry: jest.fn() },
            // The user's settings, not Intl's German: "Mrz" as .NET abbreviates March, dd.MM.yyyy.
            { getString: de, locale: { language: 'de-DE', dateFormat } },
        );
        expect(screen.getByRole('combobox', { name: de('Secret_ExpiryLabel') })).toHaveTextContent('10.12.2026');
        await user.click(screen.getByLabelText(de('Secret_ExpiryLabel')));
        const [grid] = await screen.findAllByRole('grid');
        const weekdays = Array.from(grid.querySelectorAll('th'), (th) => th.textContent);
        expect(weekdays).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
        // The heading and the selected day's name in German order (day, month, year), from the user's patterns.
        expect(screen.getByRole('grid', { name: 'Dezember 2026' })).toBeInTheDocument();
        expect(
            screen.getByRole('group', { name: /^Ausgewähltes Datum Donnerstag, 10\. Dezember 2026,/ }),
        ).toBeInTheDocument();
        // The month picker shows the user's abbreviations in calendar order.
        const months = ['Jan', 'Feb', 'Mrz', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
        const shown = screen.getAllByRole('gridcell').map((cell) => cell.textContent);
        expect(shown.filter((text) => months.includes(text ?? ''))).toEqual(months);
    });

    it('removes the expiry date on request', async () => {
        const user = userEvent.setup();
        const onSaveExpiry = jest.fn();
        renderPanel({ expiryDate: new Date('2027-03-01T00:00:00Z'), onSaveExpiry });
        await user.click(screen.getByRole('button', { name: en('Secret_ExpiryClear') }));
        expect(onSaveExpiry).toHaveBeenCalledWith(null);
    });

    it.each([
        ['read', "The secret's expiry date could not be read, so no reminder can be shown: Access is denied."],
        ['save', 'The expiry date was not saved: Access is denied. The date shown is the one stored.'],
    ] as const)('says with Dataverse message when the expiry could not be %s', async (kind, shown) => {
        const { container } = renderPanel({
            expiryProblem: { kind, message: 'Access is denied.' },
            onSaveExpiry: jest.fn(),
        });
        expect(await screen.findByText(shown)).toBeInTheDocument();
        expect(await axe(container)).toHaveNoViolations();
    });
});
