// The model-driven form host: loads the PRODUCTION bundle as the platform does (registerControl, platform React and
// Fluent globals), builds a real ComponentFramework context and renders the virtual control's React element.
// Server data is only ever rendered with textContent / input.value.
import { parseManifest, parseResx, resxFor } from './resx.js';
import { createWebApi, send } from './webapi.js';
import { BOUND_COLUMNS, createContext, localeOf, makeHasEntityPrivilege, setParameters } from './context.js';
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
const root = $('control-root');
const form = { boots: 0, record: null, values: {}, control: null, context: null, canWrite: false, renderQueued: false };
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

function showDirty() {
    const dirty = isDirty();
    $('dirty-indicator').textContent = dirty ? 'Unsaved changes' : '';
    $('cmd-save').disabled = !dirty || !form.canWrite || !form.record;
    document.body.dataset.dirty = String(dirty);
}

function showRecord() {
    const r = form.record ?? {};
    const name = form.values.name ?? '';
    $('record-name').textContent = name || (form.record ? '(no name)' : 'Record not available');
    document.title = `${name || 'Email Server Profile'} – Email Server Profile – Dynamics 365 sandbox`;
    for (const [id, column] of Object.entries(FIELDS)) {
        const input = $(id);
        input.value = form.values[column] ?? '';
        input.readOnly = !form.canWrite || !form.record;
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
    // The platform reads the outputs asynchronously, then feeds them back through updateView.
    queueMicrotask(() => {
        const outputs = form.control?.getOutputs?.() ?? {};
        for (const [property, column] of Object.entries(BOUND_COLUMNS)) {
            if (outputs[property] !== undefined && outputs[property] !== form.values[column]) {
                setValue(column, outputs[property], true);
            }
        }
    });
}

async function readRecord(state) {
    const webAPI = createWebApi(state.entitySets);
    try {
        form.record = await webAPI.retrieveRecord('emailserverprofile', state.profileId, `?$select=${SELECT}`);
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

async function boot(state) {
    document.body.dataset.hostState = 'loading';
    teardown();
    form.state = state;
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
        recordId: state.profileId,
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

async function save() {
    if (!isDirty() || !form.record) return;
    const patch = {};
    for (const column of Object.values(FIELDS)) {
        if ((form.values[column] ?? '') !== (form.record[column] ?? '')) patch[column] = form.values[column] || null;
    }
    $('cmd-save').disabled = true;
    $('dirty-indicator').textContent = 'Saving…';
    try {
        await send('PATCH', `${form.state.entitySets.emailserverprofile}(${form.state.profileId})`, {
            body: patch,
            headers: { 'If-Match': '*' },
        });
        await readRecord(form.state);
        if (form.context) {
            form.context.mode.contextInfo.entityRecordName = form.record?.name ?? '';
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
    $('cmd-save').addEventListener('click', save);
    $('cmd-refresh').addEventListener('click', () => boot(form.state).catch(fail));
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
