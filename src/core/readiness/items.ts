/** Ids of the readiness checklist items, in the order an admin works through them (entra-and-exchange.md §1). */
export const READINESS_ITEM_IDS = [
    'appRegistration',
    'clientSecret',
    'exchangePermission',
    'adminConsent',
    'rbacScope',
    'accessPolicy',
    'ewsAllowList',
    'graphPermissions',
    'conditionalAccess',
] as const;

/** One checklist item id. */
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];
