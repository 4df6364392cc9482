// The sandbox panel: switches that reset the emulated Dataverse. Kept apart from the form (its own <aside>).

/** The organisation's approval switches as one choice (System Settings → Email, "Process emails only for approved …"). */
const APPROVAL_CHOICES = [
    { value: 'users,queues', label: 'users and queues (default)', users: true, queues: true },
    { value: 'users', label: 'users only', users: true, queues: false },
    { value: 'queues', label: 'queues only', users: false, queues: true },
    { value: 'none', label: 'nobody: approval not required', users: false, queues: false },
];

function fill(select, items, selected) {
    select.replaceChildren();
    for (const { value, label } of items) {
        const option = document.createElement('option');
        option.value = String(value);
        option.textContent = label;
        option.selected = String(value) === String(selected);
        select.append(option);
    }
}

/** Show the state's choices in the panel. */
export function showScenario(state) {
    const $ = (id) => document.getElementById(id);
    fill(
        $('sb-user'),
        state.users.map((u) => ({
            value: u.systemuserid,
            label: `${u.fullname} (${u.roles.join(', ') || 'no roles'})`,
        })),
        state.userId,
    );
    fill(
        $('sb-profile'),
        state.profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.kind}, ${p.cloud})` })),
        state.profileId,
    );
    const sizes = state.seedSizes.includes(state.mailboxCount)
        ? state.seedSizes
        : [...state.seedSizes, state.mailboxCount];
    fill(
        $('sb-size'),
        sizes.map((n) => ({ value: n, label: n.toLocaleString('en-US') })),
        state.mailboxCount,
    );
    fill(
        $('sb-fault'),
        state.faultScenarios.map((f) => ({ value: f, label: f })),
        state.fault,
    );
    const approval = APPROVAL_CHOICES.find(
        (c) => c.users === state.requireApproval.users && c.queues === state.requireApproval.queues,
    );
    fill($('sb-approval'), APPROVAL_CHOICES, approval?.value);
    const environmentLabels = { small: 'small (x-ms-dop-hint 4)', large: 'large (x-ms-dop-hint 48)' };
    fill(
        $('sb-environment'),
        state.environments.map((e) => ({ value: e, label: environmentLabels[e] ?? e })),
        state.environment,
    );
    const costLabels = { default: 'default', heavy: 'heavy: plug-ins on mailbox update (writes 0.3–1.5 s)' };
    fill(
        $('sb-cost'),
        state.costModels.map((c) => ({ value: c, label: costLabels[c] ?? c })),
        state.costModel,
    );
    fill(
        $('sb-language'),
        state.languages.map((l) => ({ value: l.languageId, label: `${l.name} (${l.languageId})` })),
        state.languageId,
    );
}

/** Wire the panel: on submit POST the scenario, then call onApplied(newState). */
export function initSandboxPanel(onApplied) {
    const form = document.getElementById('sandbox-form');
    const status = document.getElementById('sb-status');
    const apply = document.getElementById('sb-apply');
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const change = {
            userId: data.get('userId'),
            profileId: data.get('profileId'),
            mailboxCount: Number(data.get('mailboxCount')),
            fault: data.get('fault'),
            requireApproval: APPROVAL_CHOICES.find((c) => c.value === data.get('requireApproval')),
            environment: data.get('environment'),
            costModel: data.get('costModel'),
            languageId: Number(data.get('languageId')),
        };
        apply.disabled = true;
        status.textContent = 'Resetting the emulated Dataverse…';
        try {
            const res = await fetch('/_sandbox/scenario', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(change),
            });
            const body = await res.json();
            if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
            await onApplied(body);
            status.textContent = `Applied: ${body.mailboxCount.toLocaleString('en-US')} mailboxes, fault "${body.fault}".`;
        } catch (e) {
            status.textContent = `Could not apply: ${e.message}`;
        } finally {
            apply.disabled = false;
        }
    });
}
