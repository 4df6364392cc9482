// The model-driven form host: loads the PRODUCTION bundle as the platform does (registerControl, platform React and
// Fluent globals), builds a real ComponentFramework context and renders the virtual control's React element.
// Server data is only ever rendered with textContent / input.value.
import { parseManifest, parseResx, resxFor } from './resx.js';
import { createWebApi, send } from './webapi.js';
import {
    BOUND_COLUMNS,
    createContext,
    localeOf,
    makeHasEntityPrivilege,
    setParameters,
    setRecordId,
} from './context.js';
import { initSandboxPanel, showScenario } from './sandbox-panel.js';
import { loadPlacement, placeControl } from './placement.js';

const registered = new Map();
window.ComponentFramework = {
    registerControl(name, ctor) {
        registered.set(name, ctor);
    },
};

const $ = (id) => document.getElementById(id);
const FIELDS = { 'field-name': 'name', 'field-tenant': 'exchangeonlinetenantid', 'field-appid': 'oauthclientid' };
const SELECT = 'name,servertype,emailservertypename,serverauthority,exchangeonlinetenantid,oauthclientid';
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';
/**
 * What "New" starts from: an Exchange Online profile that signs in to another tenant with an OAuth app (the kind an
 * admin picks for cross-tenant sync, entra-and-exchange.md §1). The admin types the name and the IDs.
 */
const NEW_PROFILE = {
    servertype: 0,
    serverauthority: 0,
    incomingcredentialretrieval: 7,
    outgoingcredentialretrieval: 7,
    incomingauthenticationprotocol: 4,
    outgoingauthenticationprotocol: 4,
    usedefaulttenantid: false,
    aadresourceid: 'https://outlook.office365.com',
    incomingserverlocation: 'https://outlook.office365.com/EWS/Exchange.asmx',
    outgoingserverlocation: 'https://outlook.office365.com/EWS/Exchange.asmx',
};
/** How the read-only fields show NEW_PROFILE before the record exists. */
const NEW_PROFILE_SHOWN = {
    emailservertypename: 'Exchange Online',
    [`serverauthority${FORMATTED}`]: 'login.microsoftonline.com',
};
const root = $('control-root');
/** The form: `recordId` is null on a new record until its first save. */
const form = {
    boots: 0,
    recordId: null,
    record: null,
    values: {},
    control: null,
    context: null,
    canWrite: false,
    renderQueued: false,
};
let resizeObserver = null;
/** For the e2e tests and for poking around in devtools: the live context the control received. */
window.sandboxHost = {
    get context() {
        return form.context;
    },
};

function notify(text) {
    $('form-notification').textContent = text;
}

function loadScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`${src} could not be loaded: run "npm run build" first`));
        document.head.append(script);
    });
}

async function fetchText(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    return res.text();
}

/** Where the published form puts the control, read once per page load as a model-driven form does. */
const placed = loadPlacement().then(placeControl);

/** Manifest and bundle are loaded once per page, as the platform caches them, and only when the form has the control. */
let control;
function loadControl() {
    control ??= (async () => {
        const manifest = parseManifest(await fetchText('/control/ControlManifest.xml'));
        await loadScript('/control/bundle.js');
        const ctor = registered.get(manifest.name);
        if (!ctor) throw new Error(`bundle.js did not register ${manifest.name}`);
        return { manifest, ctor };
    })();
    return control;
}

/** The strings of the user's language (the manifest's resx for the LCID), loaded once per language. */
const stringsByLanguage = new Map();
function stringsFor(manifest, languageId) {
    if (!stringsByLanguage.has(languageId)) {
        const loading = fetchText(`/control/${resxFor(manifest.resx, languageId)}`).then(parseResx);
        loading.catch(() => stringsByLanguage.delete(languageId));
        stringsByLanguage.set(languageId, loading);
    }
    return stringsByLanguage.get(languageId);
}

function isDirty() {
    return Object.keys(FIELDS).some((id) => (form.values[FIELDS[id]] ?? '') !== (form.record?.[FIELDS[id]] ?? ''));
}

const isNew = () => form.recordId === null;

function showDirty() {
    const dirty = isDirty();
    $('dirty-indicator').textContent = dirty ? 'Unsaved changes' : '';
    // A new record can be saved once it has its required name; an existing one once something changed.
    const canSave = isNew() ? Boolean(form.values.name) : dirty && Boolean(form.record);
    $('cmd-save').disabled = !form.canWrite || !canSave;
    document.body.dataset.dirty = String(dirty);
}

function showRecord() {
    const r = form.record ?? (isNew() ? NEW_PROFILE_SHOWN : {});
    const name = form.values.name ?? '';
    const unnamed = isNew() ? 'New Email Server Profile' : form.record ? '(no name)' : 'Record not available';
    $('record-name').textContent = name || unnamed;
    document.title = `${name || 'Email Server Profile'} – Email Server Profile – Dynamics 365 sandbox`;
    for (const [id, column] of Object.entries(FIELDS)) {
        const input = $(id);
        input.value = form.values[column] ?? '';
        input.readOnly = !form.canWrite || (!form.record && !isNew());
    }
    $('field-servertype').value = r.emailservertypename || (r[`servertype${FORMATTED}`] ?? String(r.servertype ?? ''));
    $('field-serverauthority').value = r[`serverauthority${FORMATTED}`] ?? String(r.serverauthority ?? '');
    showDirty();
}

/** Render the virtual control: updateView returns a React element, the host renders it (ReactDOM 16). */
function renderControl() {
    if (!form.control) return;
    form.context.mode.allocatedWidth = root.clientWidth || -1;
    const element = form.control.updateView(form.context);
    window.ReactDOMv16.render(element, root);
}

function requestRender() {
    if (form.renderQueued) return;
    form.renderQueued = true;
    queueMicrotask(() => {
        form.renderQueued = false;
        renderControl();
    });
}

/** A form value changed (typed in a field, or returned by the control's getOutputs). */
function setValue(column, value, fromControl) {
    form.values[column] = value;
    const property = Object.keys(BOUND_COLUMNS).find((p) => BOUND_COLUMNS[p] === column);
    if (fromControl) {
        const id = Object.keys(FIELDS).find((f) => FIELDS[f] === column);
        $(id).value = value ?? '';
    }
    if (column === 'name') $('record-name').textContent = value || '(no name)';
    showDirty();
    if (property && form.context) {
        setParameters(form.context, form.values, form.canWrite, [property]);
        renderControl();
    }
}

function notifyOutputChanged() {
    // The platform reads the outputs asynchronously, then feeds them back through updateView. Like Microsoft's control
    // host (pcf-start harness.js, _onOutputChangedInternal: `for (const n in outputs)`), every property present is
    // applied, one present with the value undefined (or null) clears its column, and one left out is not touched
    // (src/core/assumptions.ts CLEARED_OUTPUT).
    queueMicrotask(() => {
        const outputs = form.control?.getOutputs?.() ?? {};
        for (const property in outputs) {
            const column = BOUND_COLUMNS[property];
            if (!column) continue;
            const value = outputs[property] ?? null;
            if (value !== (form.values[column] ?? null)) setValue(column, value, true);
        }
    });
}

async function readRecord(state) {
    const webAPI = createWebApi(state.entitySets);
    try {
        form.record = isNew()
            ? null
            : await webAPI.retrieveRecord('emailserverprofile', form.recordId, `?$select=${SELECT}`);
        notify('');
    } catch (e) {
        form.record = null;
        notify(`The record could not be loaded: ${e.message}`);
    }
    form.values = Object.fromEntries(Object.values(FIELDS).map((c) => [c, form.record?.[c] ?? null]));
}

/** mode.trackContainerResize(true): report the section's width and re-render when it changes. */
function trackResize(track) {
    resizeObserver?.disconnect();
    resizeObserver = null;
    if (!track) return;
    resizeObserver = new ResizeObserver(() => {
        if (!form.context || form.context.mode.allocatedWidth === root.clientWidth) return;
        form.context.updatedProperties = ['layout'];
        requestRender();
    });
    resizeObserver.observe(root);
}

function teardown() {
    trackResize(false);
    if (form.control) {
        form.control.destroy();
        window.ReactDOMv16.unmountComponentAtNode(root);
    }
    form.control = null;
    form.context = null;
}

/** Open the form on `recordId` (null: a new, unsaved record), with a new control instance as a page load does. */
async function boot(state, recordId = state.profileId) {
    document.body.dataset.hostState = 'loading';
    teardown();
    form.state = state;
    form.recordId = recordId;
    showScenario(state);
    const user = state.users.find((u) => u.systemuserid === state.userId) ?? state.users[0];
    $('signed-in-user').textContent = user.fullname;
    await readRecord(state);
    if (!(await placed)) {
        // No control on the published form: the bound columns are plain text boxes.
        form.canWrite = makeHasEntityPrivilege(user)('emailserverprofile', 3);
        showRecord();
        form.boots += 1;
        document.body.dataset.boots = String(form.boots);
        document.body.dataset.hostState = 'ready';
        return;
    }
    const { manifest, ctor } = await loadControl();
    const languageId = state.languageId ?? 1033;
    const strings = await stringsFor(manifest, languageId);
    // The control speaks the user's language; the sandbox's own form chrome stays English.
    root.lang = localeOf(languageId).tag;
    const webAPI = createWebApi(state.entitySets);
    form.context = createContext({
        record: form.record,
        values: form.values,
        user,
        strings,
        languageId,
        webAPI,
        recordId: recordId ?? undefined,
        container: root,
        requestRender,
        trackResize,
    });
    form.canWrite = !form.context.mode.isControlDisabled;
    showRecord();
    form.control = new ctor();
    form.control.init(form.context, notifyOutputChanged, {});
    renderControl();
    form.boots += 1;
    document.body.dataset.boots = String(form.boots);
    document.body.dataset.hostState = 'ready';
}

/** The first save of a new record creates it; the form then has the record's id. */
async function create() {
    const typed = Object.fromEntries(Object.values(FIELDS).map((column) => [column, form.values[column] || null]));
    const webAPI = createWebApi(form.state.entitySets);
    const { id } = await webAPI.createRecord('emailserverprofile', { ...NEW_PROFILE, ...typed });
    if (!id) throw new Error('the created record has no id');
    form.recordId = id;
}

async function update() {
    const patch = {};
    for (const column of Object.values(FIELDS)) {
        if ((form.values[column] ?? '') !== (form.record[column] ?? '')) patch[column] = form.values[column] || null;
    }
    await send('PATCH', `${form.state.entitySets.emailserverprofile}(${form.recordId})`, {
        body: patch,
        headers: { 'If-Match': '*' },
    });
}

/**
 * Save, then hand the same control instance the saved record through updateView, as a model-driven form does; after
 * a new record's first save the context carries its id from then on.
 */
async function save() {
    if (isNew() ? !form.values.name : !isDirty() || !form.record) return;
    $('cmd-save').disabled = true;
    $('dirty-indicator').textContent = 'Saving…';
    try {
        await (isNew() ? create() : update());
        await readRecord(form.state);
        if (form.context) {
            setRecordId(form.context, form.recordId, form.record?.name ?? '');
            setParameters(form.context, form.values, form.canWrite, Object.keys(BOUND_COLUMNS));
        }
        showRecord();
        renderControl();
        document.body.dataset.saved = String(Number(document.body.dataset.saved ?? 0) + 1);
    } catch (e) {
        notify(`Save failed: ${e.message}`);
        showDirty();
    }
}

async function start() {
    for (const id of Object.keys(FIELDS))
        $(id).addEventListener('input', (e) => setValue(FIELDS[id], e.target.value, false));
    $('cmd-new').addEventListener('click', () => boot(form.state, null).catch(fail));
    $('cmd-save').addEventListener('click', save);
    $('cmd-refresh').addEventListener('click', () => boot(form.state, form.recordId).catch(fail));
    document.addEventListener('keydown', (e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            save();
        }
    });
    // Like a model-driven form: leaving with unsaved changes asks first.
    window.addEventListener('beforeunload', (e) => {
        if (isDirty()) e.preventDefault();
    });
    initSandboxPanel((state) => boot(state));
    const res = await fetch('/_sandbox/scenario');
    if (!res.ok) throw new Error(`/_sandbox/scenario: HTTP ${res.status}`);
    await boot(await res.json());
}

function fail(e) {
    notify(`The form could not start: ${e.message}`);
    document.body.dataset.hostState = 'error';
}

start().catch(fail);
