/** @jest-environment jsdom */
import * as React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe } from 'jest-axe';
import { App } from '../../src/ui/App';
import { DataverseUnreachableError, type ProfileRecord } from '../../src/core/profile';
import type { MailboxView } from '../../src/core/mailbox-view';
import { resxStrings } from '../resx-strings';
import { createFakeServices } from '../fakes/fake-services';
import type { ConnectionTestView } from '../../src/ui/connection/connection-state';
import type { RunConnectionTest } from '../../src/ui/hooks/use-connection-test';
import type { RunStateView } from '../../src/ui/actions';
import type { LedgerSummary } from '../../src/core/run/ledger';
import { decodeAadstsCode, decodeDataverseError } from '../../src/core/credentials/error-catalogue';

const en = resxStrings(1033);
const getString = en;
const PROFILE: ProfileRecord = {
    emailserverprofileid: '9a1b2c3d-0000-4000-8000-00000000000f',
    name: '<img src=x onerror=alert(1)> Contoso "cross-tenant"',
    servertype: 0,
    serverauthority: 1,
    incomingcredentialretrieval: 7,
    isoauthclientsecretset: true,
};

/** The mailbox picker of the connection test (its name is the label followed by the chosen mailbox). */
const CANARY = new RegExp(`^${en('ConnectionTest_Canary')}`);

/** A saved profile with both IDs, so nothing blocks the connection test. */
const SAVED: ProfileRecord = {
    ...PROFILE,
    exchangeonlinetenantid: '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a06',
    oauthclientid: '1b2c3d4e-0000-4000-8000-123456789abc',
};

type Services = ReturnType<typeof createFakeServices>;

/** A run that has not started; tests change its status. */
const IDLE_RUN: RunStateView = {
    status: 'idle',
    failures: [],
    throttledUntilMs: null,
    stallAtMs: null,
    pause: null,
    resumed: false,
};

/** An enabled mailbox, the base of the list rows here. */
const ROW: MailboxView = {
    id: 'm0',
    name: 'Mailbox',
    address: 'mailbox@contoso.com',
    ownerType: 'user',
    approval: 1,
    incoming: 1,
    outgoing: 1,
    act: 1,
    overall: 1,
    scheduled: false,
    lastTestOn: null,
    alerts: [],
};

/** The App on an existing record, as the control renders it. */
function renderApp(services: Services, loadProfile = () => Promise.resolve(PROFILE), isReadOnly = false) {
    return render(
        <App
            profileId="p"
            isReadOnly={isReadOnly}
            getString={getString}
            loadProfile={loadProfile}
            services={services}
        />,
    );
}

/** Services for SAVED with one approved canary mailbox: the connection test can run. */
function readyToTest(connection: Partial<Services['connection']> = {}): Services {
    return createFakeServices({
        connection: {
            loadCanaries: () => Promise.resolve({ options: [{ id: 'm1', label: 'Canary' }], defaultId: 'm1' }),
            ...connection,
        },
        formValues: { tenantId: SAVED.exchangeonlinetenantid ?? null, applicationId: SAVED.oauthclientid ?? null },
    });
}

/** Wait until the connection test can run, then run it. */
/**
 * Open an area as a person would: its tab when it shows, else through the "…" tab that lists the others (jsdom lays
 * nothing out, so the Pivot may move every other tab into that menu).
 */
async function openArea(
    user: ReturnType<typeof userEvent.setup>,
    area: 'Area_Connection' | 'Area_Readiness',
): Promise<void> {
    const tab = screen.queryByRole('tab', { name: en(area) });
    if (tab) return user.click(tab);
    await user.click(screen.getByRole('tab', { name: en('Area_MoreTabs') }));
    await user.click(await screen.findByRole('menuitem', { name: en(area) }));
}

async function runTest(user: ReturnType<typeof userEvent.setup>): Promise<void> {
    const run = await screen.findByRole('button', { name: en('ConnectionTest_Run') });
    await waitFor(() => expect(run).toBeEnabled());
    await user.click(run);
}

describe('App', () => {
    it('asks to save a new record first and reads nothing', async () => {
        const loadProfile = jest.fn();
        render(<App profileId={undefined} isReadOnly={false} getString={getString} loadProfile={loadProfile} />);
        expect(await screen.findByText(en('State_NewRecord'))).toBeInTheDocument();
        expect(loadProfile).not.toHaveBeenCalled();
    });

    it('shows the profile name as text, its kind and its cloud', async () => {
        const { container } = renderApp(createFakeServices());
        expect(await screen.findByRole('heading', { name: PROFILE.name })).toBeInTheDocument();
        expect(container.querySelector('img')).toBeNull();
        expect(screen.getByTestId('profile-kind')).toHaveTextContent('Exchange Online, OAuth (cross tenant)');
        expect(screen.getByTestId('profile-cloud')).toHaveTextContent('US Government (GCC High / DoD)');
        expect(await axe(container)).toHaveNoViolations();
    });

    it('explains an unsupported profile kind instead of showing a broken form', async () => {
        renderApp(createFakeServices(), () =>
            Promise.resolve({ ...PROFILE, servertype: 4, emailservertypename: 'IMAP/SMTP' }),
        );
        expect(
            await screen.findByText(
                "This profile's server type is IMAP/SMTP. The assistant helps with Exchange Online profiles only; use the standard form fields for this one.",
            ),
        ).toBeInTheDocument();
        expect(screen.getByTestId('profile-kind')).toHaveTextContent('Not supported by this control');
    });

    it('reports a failed load with the reason and retries on request', async () => {
        const loadProfile = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce(PROFILE);
        renderApp(createFakeServices(), loadProfile);
        expect(await screen.findByText('The email server profile could not be read: boom')).toBeInTheDocument();
        await userEvent.click(screen.getByRole('button', { name: en('Action_Retry') }));
        await waitFor(() => expect(screen.getByRole('heading', { name: PROFILE.name })).toBeInTheDocument());
        expect(loadProfile).toHaveBeenCalledTimes(2);
    });

    it('says once, as text without an icon, that Dataverse cannot be reached, and retries on request', async () => {
        const loadProfile = jest
            .fn()
            .mockRejectedValueOnce(new DataverseUnreachableError('HTTP 404: not found'))
            .mockResolvedValueOnce(PROFILE);
        const { container } = renderApp(createFakeServices(), loadProfile);
        expect(await screen.findByRole('alert')).toHaveTextContent(en('State_NoDataverse'));
        expect(screen.queryByText(/HTTP 404/)).not.toBeInTheDocument();
        expect(container.querySelector('[data-icon-name]')).toBeNull();
        await userEvent.click(screen.getByRole('button', { name: en('Action_Retry') }));
        await waitFor(() => expect(screen.getByRole('heading', { name: PROFILE.name })).toBeInTheDocument());
    });

    it('gives the focus back to Try again when the retry fails again', async () => {
        // The spinner of the retry replaces the button: without this the focus falls to the page.
        const unreachable = new DataverseUnreachableError('HTTP 404: not found');
        const loadProfile = jest.fn().mockRejectedValueOnce(unreachable).mockRejectedValueOnce(unreachable);
        renderApp(createFakeServices(), loadProfile);
        await screen.findByRole('alert');
        screen.getByRole('button', { name: en('Action_Retry') }).focus();
        await userEvent.keyboard('{Enter}');
        await waitFor(() => expect(loadProfile).toHaveBeenCalledTimes(2));
        await waitFor(() => expect(screen.getByRole('button', { name: en('Action_Retry') })).toHaveFocus());
    });

    it('waits for the strings of the user’s language when the host’s are another one, and uses them', async () => {
        let deliver: (getString: typeof en) => void = () => undefined;
        const strings = new Promise<typeof en>((resolve) => (deliver = resolve));
        const german = resxStrings(1031);
        const { container } = render(
            <App
                profileId={undefined}
                isReadOnly={false}
                getString={german}
                strings={strings}
                loadProfile={jest.fn()}
            />,
        );
        expect(container).toBeEmptyDOMElement();
        deliver(en);
        expect(await screen.findByText(en('State_NewRecord'))).toBeInTheDocument();
        expect(screen.queryByText(german('Header_Title'))).not.toBeInTheDocument();
    });

    it('keeps the host’s strings when the user’s language file cannot be read', async () => {
        render(
            <App
                profileId={undefined}
                isReadOnly={false}
                getString={en}
                strings={Promise.reject(new Error('HTTP 404'))}
                loadProfile={jest.fn()}
            />,
        );
        expect(await screen.findByText(en('State_NewRecord'))).toBeInTheDocument();
    });

    it('reads the record again after the form saved new IDs, so the connection test is no longer blocked', async () => {
        const APP_ID = '1b2c3d4e-0000-4000-8000-123456789abc';
        const OLD = '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a06';
        const NEW = '4a1c7e2b-6d3f-4b8e-9a05-1c2d3e4f5a60';
        const saved: ProfileRecord = { ...PROFILE, exchangeonlinetenantid: OLD, oauthclientid: APP_ID };
        const loadProfile = jest.fn().mockResolvedValue(saved);
        const connection = {
            loadCanaries: () => Promise.resolve({ options: [{ id: 'm1', label: 'Canary' }], defaultId: 'm1' }),
        };
        // Each updateView hands the App new services carrying the form's current values.
        const update = (tenantId: string) => (
            <App
                profileId="p"
                isReadOnly={false}
                getString={getString}
                loadProfile={loadProfile}
                services={createFakeServices({ connection, formValues: { tenantId, applicationId: APP_ID } })}
            />
        );
        const { rerender } = render(update(OLD));
        await waitFor(() => expect(screen.getByRole('button', { name: en('ConnectionTest_Run') })).toBeEnabled());
        rerender(update(NEW));
        expect(await screen.findByText(en('ConnectionTest_FormDirty'))).toBeInTheDocument();
        expect(screen.getByRole('button', { name: en('ConnectionTest_Run') })).toBeDisabled();
        // The form saves: the record now holds the new tenant and the platform calls updateView again.
        loadProfile.mockResolvedValue({ ...saved, exchangeonlinetenantid: NEW });
        rerender(update(NEW));
        await waitFor(() => expect(screen.queryByText(en('ConnectionTest_FormDirty'))).toBeNull(), { timeout: 3000 });
        expect(screen.getByRole('button', { name: en('ConnectionTest_Run') })).toBeEnabled();
        expect(screen.getByRole('heading', { name: PROFILE.name })).toBeInTheDocument();
    });

    it('does not call the IDs valid on the credentials card while the form holds a value Save would clear', async () => {
        // The admin typed a tenant ID that cannot be stored: the control's output clears the form's column.
        render(
            <App
                profileId="p"
                isReadOnly={false}
                getString={getString}
                loadProfile={() => Promise.resolve(SAVED)}
                services={createFakeServices({
                    formValues: { tenantId: null, applicationId: SAVED.oauthclientid ?? null },
                })}
            />,
        );
        const credentials = await screen.findByRole('region', { name: en('Overview_CredentialsTitle') });
        expect(credentials).toHaveTextContent(en('Overview_CredentialsInvalid'));
        expect(credentials).toHaveTextContent(en('Overview_CredentialsUnsaved'));
    });

    it('keeps the connection test result when the admin switches to another area and back', async () => {
        const user = userEvent.setup();
        const services = readyToTest();
        const loadMailboxes = jest.spyOn(services.mailboxes, 'load');
        renderApp(services, () => Promise.resolve(SAVED));
        await runTest(user);
        expect(await screen.findByText(en('ConnectionTest_Succeeded'))).toBeInTheDocument();

        await openArea(user, 'Area_Readiness');
        expect(screen.queryByText(en('ConnectionTest_Succeeded'))).not.toBeVisible();
        expect(loadMailboxes).not.toHaveBeenCalled();
        await openArea(user, 'Area_Connection');
        expect(screen.getByText(en('ConnectionTest_Succeeded'))).toBeVisible();
        expect(screen.getByRole('button', { name: en('ConnectionTest_Rerun') })).toBeEnabled();
    });

    it('highlights the readiness item behind a failed test, and clears it when a re-run cannot finish', async () => {
        const user = userEvent.setup();
        const failed: ConnectionTestView = { status: 'failed', failures: [decodeAadstsCode(7000215)] };
        const error: ConnectionTestView = {
            status: 'error',
            failure: decodeDataverseError({ status: 500, code: '0x80040216', message: 'Unexpected error.' }),
        };
        const runConnectionTest = jest
            .fn<Promise<ConnectionTestView>, Parameters<RunConnectionTest>>()
            .mockResolvedValueOnce(failed)
            .mockResolvedValueOnce(error);
        renderApp(readyToTest({ runConnectionTest }), () => Promise.resolve(SAVED));
        await runTest(user);
        // The connection test's own region: the overview's connection card names the cause too.
        const testRegion = () => screen.getByRole('region', { name: en('ConnectionTest_Title') });
        expect(await within(testRegion()).findByText(/^The client secret is wrong/)).toBeInTheDocument();
        await openArea(user, 'Area_Readiness');
        expect(await screen.findAllByText(en('Readiness_Highlighted'))).toHaveLength(1);

        await openArea(user, 'Area_Connection');
        await user.click(screen.getByRole('button', { name: en('ConnectionTest_Rerun') }));
        await waitFor(() => expect(runConnectionTest).toHaveBeenCalledTimes(2));
        await waitFor(() => expect(within(testRegion()).queryByText(/^The client secret is wrong/)).toBeNull());
        await openArea(user, 'Area_Readiness');
        expect(screen.queryByText(en('Readiness_Highlighted'))).toBeNull();
    });

    it('reads the mailboxes to test with again when the chosen one was deleted, and offers only those left', async () => {
        const user = userEvent.setup();
        const loadCanaries = jest
            .fn()
            .mockResolvedValueOnce({
                options: [
                    { id: 'm1', label: 'Gone' },
                    { id: 'm2', label: 'Still here' },
                ],
                defaultId: 'm1',
            })
            .mockResolvedValueOnce({ options: [{ id: 'm2', label: 'Still here' }], defaultId: 'm2' });
        const gone: ConnectionTestView = {
            status: 'error',
            failure: decodeDataverseError({
                status: 404,
                code: '0x80040217',
                message: 'mailbox With Id = m1 Does Not Exist',
            }),
        };
        const runConnectionTest = jest
            .fn<Promise<ConnectionTestView>, Parameters<RunConnectionTest>>()
            .mockResolvedValue(gone);
        renderApp(readyToTest({ loadCanaries, runConnectionTest }), () => Promise.resolve(SAVED));
        expect(await screen.findByRole('combobox', { name: CANARY })).toHaveTextContent('Gone');
        await runTest(user);
        expect(runConnectionTest.mock.calls[0][0]).toBe('m1');
        await waitFor(() => expect(loadCanaries).toHaveBeenCalledTimes(2));
        await waitFor(() => expect(screen.getByRole('combobox', { name: CANARY })).toHaveTextContent('Still here'));
    });

    it('does not start the connection test without a client secret, and says how to set one', async () => {
        const user = userEvent.setup();
        const runConnectionTest = jest
            .fn<Promise<ConnectionTestView>, Parameters<RunConnectionTest>>()
            .mockResolvedValue({ status: 'succeeded', completedOn: '2026-11-23T10:00:00Z' });
        const services = readyToTest({ runConnectionTest });
        const { container } = renderApp(services, () => Promise.resolve({ ...SAVED, isoauthclientsecretset: false }));
        expect(await screen.findByText(en('ConnectionTest_NoSecret'))).toBeInTheDocument();
        const run = screen.getByRole('button', { name: en('ConnectionTest_Run') });
        // The mailbox to test with is there: only the missing secret holds the test back.
        await waitFor(() => expect(screen.getByRole('combobox', { name: CANARY })).toHaveTextContent('Canary'));
        expect(run).toBeDisabled();
        expect(await axe(container)).toHaveNoViolations();

        // The step the message names: Enter secret, paste the Value, Save secret. Then the test can run.
        await user.click(screen.getByRole('button', { name: en('Secret_Enter') }));
        await user.type(screen.getByLabelText(en('Secret_Label')), `abc8Q~${'x'.repeat(34)}`);
        await user.click(screen.getByRole('button', { name: en('Secret_Save') }));
        await waitFor(() => expect(screen.queryByText(en('ConnectionTest_NoSecret'))).toBeNull());
        expect(services.calls).toContain('saveSecret');
        await runTest(user);
        expect(runConnectionTest).toHaveBeenCalledTimes(1);
    });

    it('tells a failed read of the mailboxes to test with apart from a profile that has none', async () => {
        const services = createFakeServices({
            connection: { loadCanaries: () => Promise.reject(new Error('NetworkError')) },
        });
        renderApp(services);
        expect(await screen.findByText(en('ConnectionTest_CanariesFailed'))).toBeInTheDocument();
        expect(screen.queryByText(en('ConnectionTest_NoCanary'))).not.toBeInTheDocument();
        expect(screen.getByRole('button', { name: en('ConnectionTest_Run') })).toBeDisabled();
    });

    it('says when the secret expiry date could not be read, instead of showing no date as if none were set', async () => {
        const services = createFakeServices({
            connection: { readExpiry: () => Promise.reject(new Error('NetworkError')) },
        });
        renderApp(services);
        expect(
            await screen.findByText(
                "The secret's expiry date could not be read, so no reminder can be shown: NetworkError",
            ),
        ).toBeInTheDocument();
        expect(screen.queryByRole('button', { name: en('Secret_ExpiryClear') })).not.toBeInTheDocument();
    });

    it('says when the expiry date was not saved and shows the stored date again', async () => {
        const user = userEvent.setup();
        const readExpiry = jest.fn(() => Promise.resolve(new Date(Date.UTC(2031, 0, 15))));
        const saveExpiry = jest.fn(() => Promise.reject(new Error('Access is denied.')));
        const services = createFakeServices({ connection: { readExpiry, saveExpiry } });
        renderApp(services);
        await user.click(await screen.findByRole('button', { name: en('Secret_ExpiryClear') }));
        expect(saveExpiry).toHaveBeenCalledWith(null);
        expect(
            await screen.findByText(
                'The expiry date was not saved: Access is denied. The date shown is the one stored.',
            ),
        ).toBeInTheDocument();
        // The stored date is read again and shown: the admin is not left believing it was removed.
        expect(await screen.findByRole('button', { name: en('Secret_ExpiryClear') })).toBeInTheDocument();
        expect(readExpiry).toHaveBeenCalledTimes(2);
    });

    it('says why approving is not offered when the approval-rights check fails', async () => {
        const user = userEvent.setup();
        const services = createFakeServices({
            mailboxes: { checkApproval: () => Promise.reject(new Error('NetworkError')) },
        });
        renderApp(services);
        await user.click(await screen.findByRole('tab', { name: en('Area_Mailboxes') }));
        expect(await screen.findByText(en('Approve_CheckFailed'))).toBeInTheDocument();
        expect(screen.getByText(en('Approve_Cannot'))).toBeInTheDocument();
    });

    it('shows the test recorded on the profile, then each test run here; a cancelled one changes nothing', async () => {
        const user = userEvent.setup();
        const readLastTest = () =>
            Promise.resolve({
                result: 'failed' as const,
                at: '2026-11-20T08:00:00Z',
                profileVersion: 'W/"1"',
                by: 'Sam Earlier',
                cause: 'secretInvalid' as const,
            });
        const runConnectionTest = jest
            .fn<ReturnType<RunConnectionTest>, Parameters<RunConnectionTest>>()
            .mockResolvedValueOnce({ status: 'cancelled' })
            .mockResolvedValueOnce({ status: 'succeeded', completedOn: '2026-11-23T10:00:00Z' });
        renderApp(readyToTest({ readLastTest, runConnectionTest }), () => Promise.resolve(SAVED));
        const card = () => screen.getByRole('region', { name: en('Area_Connection'), exact: true });
        // The first render of the whole control can take a while on a busy machine.
        await waitFor(() => expect(card()).toHaveTextContent(en('Overview_TestFailed')), { timeout: 5000 });
        expect(card()).toHaveTextContent(en('Error_SecretInvalid'));
        expect(card()).toHaveTextContent(', by Sam Earlier');
        await runTest(user);
        await waitFor(() => expect(runConnectionTest).toHaveBeenCalledTimes(1));
        await waitFor(() => expect(card()).toHaveTextContent(', by Sam Earlier'));
        expect(card()).toHaveTextContent(en('Overview_TestFailed'));
        await user.click(screen.getByRole('button', { name: en('ConnectionTest_Rerun') }));
        await waitFor(() => expect(card()).toHaveTextContent(en('Overview_TestPassed')));
        expect(card()).toHaveTextContent(', by Dana Admin');
    });

    it('opens the list filtered to a segment the overview card offers, and counts again after a run', async () => {
        const user = userEvent.setup();
        const listeners = new Set<(state: RunStateView) => void>();
        const notify = (state: RunStateView) => listeners.forEach((listener) => listener(state));
        const countMailboxes = jest.fn(() =>
            Promise.resolve({ enabled: 1, failed: 0, retrying: 1, pendingApproval: 0, neverTested: 0, total: 2 }),
        );
        const rows: MailboxView[] = [
            { ...ROW, id: 'm1', name: 'Works' },
            { ...ROW, id: 'm2', name: 'Tries again', overall: 2, scheduled: true },
        ];
        const services = createFakeServices({
            overview: { countMailboxes },
            mailboxes: {
                load: () => Promise.resolve(rows),
                subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
            },
        });
        renderApp(services);
        await user.click(await screen.findByRole('button', { name: 'Retrying 1' }));
        expect(screen.getByRole('tab', { name: en('Area_Mailboxes') })).toHaveAttribute('aria-selected', 'true');
        expect(await screen.findByRole('button', { name: 'Retrying (1)' })).toHaveAttribute('aria-pressed', 'true');
        expect(await screen.findByText('Tries again')).toBeInTheDocument();
        expect(screen.queryByText('Works')).toBeNull();
        expect(countMailboxes).toHaveBeenCalledTimes(1);
        act(() => notify({ ...IDLE_RUN, status: 'running' }));
        act(() => notify({ ...IDLE_RUN, status: 'finished' }));
        await waitFor(() => expect(countMailboxes).toHaveBeenCalledTimes(2));
    });

    it('clears the list selection when a run ends; a cause of the summary then shows and exports just its rows', async () => {
        const user = userEvent.setup();
        const listeners = new Set<(state: RunStateView) => void>();
        const notify = (state: RunStateView) => listeners.forEach((listener) => listener(state));
        const exportCsv = jest.fn();
        const rows: MailboxView[] = [
            { ...ROW, id: 'm1', name: 'Works' },
            { ...ROW, id: 'm2', name: 'Fails', overall: 2 },
        ];
        const services = createFakeServices({
            mailboxes: {
                load: () => Promise.resolve(rows),
                exportCsv,
                subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
            },
        });
        renderApp(services);
        await user.click(await screen.findByRole('tab', { name: en('Area_Mailboxes') }));
        await user.click(await screen.findByRole('button', { name: 'Select all 2 shown' }));
        expect(screen.getByText('2 mailboxes · 2 shown · 2 selected')).toBeInTheDocument();
        const summary: LedgerSummary = {
            ...{ pending: 0, sent: 0, confirmed: 0, testing: 0, succeeded: 1, failed: 1, retrying: 0, skipped: 0 },
            ...{ selected: 2, inFlight: 0, settled: true },
        };
        act(() => notify({ ...IDLE_RUN, status: 'running' }));
        act(() =>
            notify({
                ...IDLE_RUN,
                status: 'finished',
                summary,
                failures: [{ cause: 'ewsTokenNoPermissions', count: 1, mailboxIds: ['m2'] }],
            }),
        );
        expect(await screen.findByText('2 mailboxes · 2 shown · 0 selected')).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: /^1 consent missing/ }));
        await user.click(screen.getByRole('button', { name: 'Show this 1 mailbox in the list' }));
        expect(await screen.findByText('2 mailboxes · 1 shown · 0 selected')).toBeInTheDocument();
        await user.click(screen.getByRole('menuitem', { name: 'Export CSV' }));
        expect(exportCsv).toHaveBeenLastCalledWith(['m2']);
    });

    describe('a run a reload interrupted', () => {
        // 2 succeeded, 1 failed, 1 skipped of 10: 4 done; nothing is read or sent until the admin chooses.
        const STORED: LedgerSummary = {
            ...{ pending: 4, sent: 2, confirmed: 0, testing: 0, succeeded: 2, failed: 1, retrying: 0, skipped: 1 },
            ...{ selected: 10, inFlight: 0, settled: false },
        };
        const load = jest.fn(() => Promise.resolve([] as MailboxView[]));
        const interrupted = () =>
            createFakeServices({ mailboxes: { load, readStoredRun: () => Promise.resolve(STORED) } });
        const NOTICE = 'A run was interrupted — 4 of 10 done.';
        // The stored run is read after the first render; on a loaded machine that can take longer than 1 s.
        const SLOW = { timeout: 5000 };

        it('is told on load, before the Mailboxes area is opened, and Resume continues it there', async () => {
            const user = userEvent.setup();
            const services = interrupted();
            const { container } = renderApp(services);
            expect(await screen.findByText(NOTICE, {}, SLOW)).toBeInTheDocument();
            // The Mailboxes area is not open: its list, read when it opens, is not read (the tabs themselves may be
            // in Fluent's overflow menu at jsdom's zero width, so the test looks at what was read instead).
            expect(load).not.toHaveBeenCalled();
            expect(services.calls).not.toContain('resumeStored');
            expect(await axe(container)).toHaveNoViolations();
            await user.click(screen.getByRole('button', { name: en('Run_Resume') }));
            await waitFor(() => expect(load).toHaveBeenCalled(), SLOW);
            await waitFor(() => expect(services.calls).toContain('resumeStored'), SLOW);
            expect(screen.queryByText(NOTICE)).toBeNull();
        });

        it('moves the focus to the resumed run after Resume, and to the first control below after Discard', async () => {
            const user = userEvent.setup();
            const listeners = new Set<(state: RunStateView) => void>();
            const running: RunStateView = { ...IDLE_RUN, status: 'running', summary: STORED, resumed: true };
            const services = createFakeServices({
                mailboxes: {
                    load,
                    readStoredRun: () => Promise.resolve(STORED),
                    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
                    resumeStored: () => listeners.forEach((listener) => listener(running)),
                },
            });
            const { unmount } = renderApp(services);
            await screen.findByText(NOTICE, {}, SLOW);
            const resume = screen.getByRole('button', { name: en('Run_Resume') });
            await waitFor(() => expect(resume).toBeEnabled(), SLOW);
            resume.focus();
            await user.keyboard('{Enter}');
            const heading = await screen.findByRole('heading', { name: en('Run_ProgressLabel') }, SLOW);
            await waitFor(() => expect(heading).toHaveFocus());
            unmount();

            renderApp(interrupted());
            await screen.findByText(NOTICE, {}, SLOW);
            const firstBelow = await screen.findByRole('button', { name: 'Go to the connection test' }, SLOW);
            screen.getByRole('button', { name: en('Run_Discard') }).focus();
            await user.keyboard('{Enter}');
            await waitFor(() => expect(firstBelow).toHaveFocus());
        });

        it('is told at once while Dataverse still holds requests, with Resume disabled until the wait ends', async () => {
            const user = userEvent.setup();
            const heldUntil = Date.now() + 20_000;
            const services = createFakeServices({
                mailboxes: { load, readStoredRun: () => Promise.resolve(STORED), requestsHeldUntil: () => heldUntil },
            });
            // The record's read waits out the Retry-After the page was told before the reload.
            let loaded: (profile: ProfileRecord) => void = () => undefined;
            renderApp(services, () => new Promise<ProfileRecord>((resolve) => (loaded = resolve)));
            expect(await screen.findByText(NOTICE, {}, SLOW)).toBeInTheDocument();
            expect(
                screen.getByText(/^You can resume once Dynamics accepts requests again, in (20|19) s\.$/),
            ).toBeVisible();
            const resume = screen.getByRole('button', { name: en('Run_Resume') });
            expect(resume).toBeDisabled();
            await user.click(resume);
            expect(services.calls).not.toContain('resumeStored');
            act(() => loaded(PROFILE));
            await waitFor(() => expect(resume).toBeEnabled());
            expect(screen.queryByText(/^You can resume once/)).toBeNull();
        });

        it('is said to be replaced in the confirmation of a new run started while its notice shows', async () => {
            const user = userEvent.setup();
            const services = createFakeServices({
                mailboxes: {
                    load: () => Promise.resolve([{ ...ROW, id: 'm1', approval: 2, overall: 0 }]),
                    readStoredRun: () => Promise.resolve(STORED),
                },
            });
            renderApp(services);
            await screen.findByText(NOTICE, {}, SLOW);
            // The overview card's way in: the tab may sit in Fluent's overflow menu at jsdom's zero width.
            await user.click(await screen.findByRole('button', { name: 'Open the list' }, SLOW));
            await user.click(await screen.findByRole('button', { name: 'Select all 1 shown' }, SLOW));
            await user.click(screen.getByRole('menuitem', { name: en('Mailboxes_Command_ApproveAndTest') }));
            const dialog = await screen.findByRole('alertdialog');
            const replaces =
                'Starting replaces the interrupted run (4 of 10 done): it can no longer be resumed. What Dynamics ' +
                'already did stays.';
            await waitFor(() => expect(dialog).toHaveTextContent(replaces));
            await user.click(within(dialog).getByRole('button', { name: en('Run_ConfirmStart') }));
            expect(services.calls).toContain('start');
        });

        it('is forgotten on Discard, and opening the Mailboxes area then resumes nothing', async () => {
            const user = userEvent.setup();
            const services = interrupted();
            renderApp(services);
            await user.click(await screen.findByRole('button', { name: en('Run_Discard') }, SLOW));
            expect(services.calls).toContain('discardStoredRun');
            expect(screen.queryByText(NOTICE)).toBeNull();
            // The tab is out of Fluent's overflow menu once its measuring pass has run (a frame): late on a loaded machine.
            await user.click(await screen.findByRole('tab', { name: en('Area_Mailboxes') }, SLOW));
            await waitFor(() => expect(load).toHaveBeenCalled(), SLOW);
            expect(services.calls).not.toContain('resumeStored');
        });
    });

    it('says when the mailboxes could not be read, offers to try again, and keeps rows already shown', async () => {
        const LIST_UNREADABLE = 'The mailboxes could not be read, so the list may be empty or out of date: ';
        const user = userEvent.setup();
        const mailbox: MailboxView = {
            id: 'm1',
            name: 'Sales queue',
            address: 'sales@contoso.com',
            ownerType: 'queue',
            approval: 1,
            incoming: 1,
            outgoing: 1,
            act: 1,
            overall: 1,
            scheduled: false,
            lastTestOn: null,
            alerts: [],
        };
        const load = jest
            .fn<Promise<MailboxView[]>, []>()
            .mockRejectedValueOnce(new Error('The service is temporarily unavailable.'))
            .mockResolvedValueOnce([mailbox])
            .mockRejectedValueOnce(new Error('The request did not reach Dataverse.'));
        const services = createFakeServices({ mailboxes: { load } });
        renderApp(services);
        await user.click(await screen.findByRole('tab', { name: en('Area_Mailboxes') }));
        // Not an empty list passed off as "this profile has no mailboxes": the failure is said, with a way out.
        expect(
            await screen.findByText(`${LIST_UNREADABLE}The service is temporarily unavailable.`),
        ).toBeInTheDocument();
        expect(screen.queryByText(en('Mailboxes_NoneOnProfile'))).not.toBeInTheDocument();
        expect(screen.queryByText(en('Mailboxes_Empty'))).not.toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: en('Action_Retry') }));
        expect(await screen.findByText('Sales queue')).toBeInTheDocument();
        expect(screen.queryByText(new RegExp(`^${LIST_UNREADABLE}`))).not.toBeInTheDocument();
        // A failed refresh keeps what was shown and says the list may be out of date.
        await user.click(screen.getByRole('menuitem', { name: en('Mailboxes_Command_Refresh') }));
        expect(await screen.findByText(`${LIST_UNREADABLE}The request did not reach Dataverse.`)).toBeInTheDocument();
        expect(screen.getByText('Sales queue')).toBeInTheDocument();
        expect(load).toHaveBeenCalledTimes(3);
    });

    it('says why nothing can be changed on a read-only form', async () => {
        renderApp(createFakeServices(), () => Promise.resolve(PROFILE), true);
        expect(await screen.findByText(en('State_ReadOnly'))).toBeInTheDocument();
    });

    it('does not let a read-only form mark a readiness step done (the mark is written to a note)', async () => {
        const user = userEvent.setup();
        const saveReadinessDone = jest.fn(() => Promise.resolve());
        renderApp(createFakeServices({ overview: { saveReadinessDone } }), () => Promise.resolve(SAVED), true);
        await screen.findByText(en('State_ReadOnly'));
        await openArea(user, 'Area_Readiness');
        const title = en('Readiness_AdminConsentTitle');
        const consent = await screen.findByRole('checkbox', { name: `${title}: done` });
        expect(consent).toBeDisabled();
        await user.click(consent);
        expect(saveReadinessDone).not.toHaveBeenCalled();
    });
});
