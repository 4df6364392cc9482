/**
 * Where the control learns the record id, the org URL and its own location. The documented way first — the Xrm client
 * API of model-driven apps (dataverse.md §10) — then the undocumented corners of the PCF context, each typed here and
 * read defensively: a host that lacks a member, or whose member throws (Microsoft's pcf-start harness has a
 * context.page.getClientUrl that throws, issue 13), gets the next way, and in the end "save the record first" and the
 * page's own origin, where model-driven apps serve the Web API (/api/data/v9.2/).
 */

/** Parts of the context that exist at run time in model-driven apps but are missing from the typings. */
export type ContextExtras = {
    // UNDOCUMENTED: context.page carries the record id in model-driven forms.
    page?: { entityId?: string };
    mode: {
        // UNDOCUMENTED: contextInfo carries the entity id and logical name of the hosting form.
        contextInfo?: { entityId?: string; entityTypeName?: string; entityRecordName?: string };
        isControlDisabled: boolean;
    };
};

/** The part of the documented client API the control reads; present in model-driven apps only. */
type XrmUtility = { getGlobalContext?: () => { getClientUrl?: () => string } };
declare const Xrm: { Utility?: XrmUtility } | undefined;

/** Read one way, treating a missing member or a throw as "this host does not offer it". */
function attempt<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch {
        return undefined;
    }
}

/**
 * The record id: mode.contextInfo, then page (both undocumented). Xrm.Utility.getPageContext() is not used: it
 * describes the main page, which is another record when the form opens in a dialog or side pane.
 */
export function readEntityId(context: ContextExtras): string | undefined {
    const ways = [() => context.mode.contextInfo?.entityId, () => context.page?.entityId];
    for (const way of ways) {
        const id = attempt(way);
        if (typeof id === 'string' && id !== '') return id;
    }
    return undefined;
}

/**
 * The org URL: Xrm.Utility.getGlobalContext().getClientUrl() (documented; it includes an on-premises org name in
 * the path), else the page's own origin.
 */
export function readClientUrl(fallbackOrigin: string): string {
    const url = attempt(() =>
        typeof Xrm === 'undefined' ? undefined : Xrm?.Utility?.getGlobalContext?.().getClientUrl?.(),
    );
    return typeof url === 'string' && /^https?:\/\//.test(url) ? url.replace(/\/+$/, '') : fallbackOrigin;
}

/**
 * Where bundle.js was loaded from, read while it runs (document.currentScript): the manifest's other resources, the
 * resx files among them, sit next to it in the build output. Undefined where the host loads the bundle another way.
 */
export const BUNDLE_URL: string | undefined = attempt(() => {
    const script = typeof document === 'undefined' ? null : document.currentScript;
    return script instanceof HTMLScriptElement && script.src ? script.src : undefined;
});
