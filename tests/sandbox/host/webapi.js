// context.webAPI for the sandbox host: same-origin fetch to the emulated /api/data/v9.2/, like the platform's own
// implementation (dataverse.md §8, §10). Errors reject with { errorCode, message, code, status } as in Dataverse.

const API = '/api/data/v9.2/';
const HEADERS = {
    Accept: 'application/json',
    'OData-Version': '4.0',
    'OData-MaxVersion': '4.0',
    'X-Requested-With': 'XMLHttpRequest',
};

function bareId(id) {
    return String(id).replace(/[{}]/g, '').toLowerCase();
}

async function toError(res) {
    let error = {};
    try {
        error = (await res.json()).error ?? {};
    } catch {
        // Non-JSON error body: keep the status text.
    }
    const code = typeof error.code === 'string' ? error.code : '';
    const err = new Error(error.message || `HTTP ${res.status} ${res.statusText}`);
    err.errorCode = /^0x[0-9a-f]+$/i.test(code) ? parseInt(code, 16) | 0 : res.status;
    err.code = code;
    err.status = res.status;
    return err;
}

/** One Web API call; rejects with a Dataverse-shaped error on a non-2xx answer. */
export async function send(method, path, { body, headers } = {}) {
    const url = /^https?:/i.test(path) ? path : location.origin + API + path;
    const init = { method, headers: { ...HEADERS, ...headers }, credentials: 'same-origin' };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json; charset=utf-8';
        init.body = JSON.stringify(body);
    }
    const res = await fetch(url, init);
    if (!res.ok) throw await toError(res);
    return res;
}

function options(text) {
    if (!text) return '';
    return text.startsWith('?') ? text : `?${text}`;
}

/** Build context.webAPI; `entitySets` maps table logical name → entity set (from the emulator's metadata). */
export function createWebApi(entitySets) {
    const setOf = (entityType) => entitySets[entityType] ?? `${entityType}s`;
    const annotations = 'odata.include-annotations="*"';
    return {
        async retrieveRecord(entityType, id, query) {
            const res = await send('GET', `${setOf(entityType)}(${bareId(id)})${options(query)}`, {
                headers: { Prefer: annotations },
            });
            return res.json();
        },
        async retrieveMultipleRecords(entityType, query, maxPageSize) {
            const prefer = [annotations];
            if (maxPageSize) prefer.push(`odata.maxpagesize=${maxPageSize}`);
            const path = /^https?:/i.test(query ?? '') ? query : `${setOf(entityType)}${options(query)}`;
            const body = await (await send('GET', path, { headers: { Prefer: prefer.join(',') } })).json();
            return { entities: body.value ?? [], nextLink: body['@odata.nextLink'] };
        },
        async createRecord(entityType, data) {
            const res = await send('POST', setOf(entityType), { body: data });
            const match = /\(([0-9a-f-]{36})\)/i.exec(res.headers.get('OData-EntityId') ?? '');
            return { id: match ? match[1] : '', entityType };
        },
        async updateRecord(entityType, id, data) {
            await send('PATCH', `${setOf(entityType)}(${bareId(id)})`, { body: data, headers: { 'If-Match': '*' } });
            return { id: bareId(id), entityType };
        },
        async deleteRecord(entityType, id) {
            await send('DELETE', `${setOf(entityType)}(${bareId(id)})`);
            return { id: bareId(id), entityType };
        },
    };
}
