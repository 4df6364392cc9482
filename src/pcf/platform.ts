/**
 * The undocumented corners of the PCF context the control relies on, typed in one place (dataverse.md §10).
 * Each is read defensively: when the platform changes, the control degrades to "save the record first".
 */

/** Parts of the context that exist at run time in model-driven apps but are missing from the typings. */
export type ContextExtras = {
    // UNDOCUMENTED: context.page carries the record id and the org URL in model-driven forms.
    page?: { entityId?: string; entityTypeName?: string; getClientUrl?: () => string };
    mode: {
        // UNDOCUMENTED: contextInfo carries the entity id and logical name of the hosting form.
        contextInfo?: { entityId?: string; entityTypeName?: string; entityRecordName?: string };
        isControlDisabled: boolean;
    };
};

/** Reads the record id from the context (page.entityId, then mode.contextInfo.entityId). */
export function readEntityId(context: ContextExtras): string | undefined {
    return context.page?.entityId || context.mode.contextInfo?.entityId || undefined;
}

/** Reads the org URL (page.getClientUrl) or falls back to the page's own origin, which is the org in Dataverse. */
export function readClientUrl(context: ContextExtras, fallbackOrigin: string): string {
    const fromPage = context.page?.getClientUrl?.();
    return fromPage && /^https?:\/\//.test(fromPage) ? fromPage : fallbackOrigin;
}
