/**
 * Named facts of the deployment stand-in (shared/reference/deploy.md). Every value marked (unconfirmed) is one the
 * reference could not settle; tests/sandbox/emulator/README.md lists them.
 */
import { TENANT_IDS } from '../domain/tenants';

/** The environment's Entra tenant: the sandbox org's users sign in as *@woodgrovebank.com. */
export const ENVIRONMENT_TENANT_ID = TENANT_IDS.woodgrove;

/** The login host of the environment's cloud (commercial, deploy.md §1). */
export const LOGIN_HOST = 'login.microsoftonline.com';

/** The control the solution ships: <publisher prefix>_<namespace>.<constructor> (toolchain.md §5.1). */
export const CONTROL_NAME = 'esp_EmailServerProfile.ProfileAssistant';

/** The solution's unique name (solution/src/Other/Solution.xml). */
export const SOLUTION_UNIQUE_NAME = 'EmailServerProfileAssistant';

/** formid of the stock "Information" main form of emailserverprofile: (unconfirmed), no public export shows it. */
export const STOCK_INFORMATION_FORM_ID = '7c1e4b2a-9d3f-4e6a-8b5c-2f1d0e9a8b71';

/** The classic text box a bound single-line text field uses (deploy.md §6). */
export const TEXT_BOX_CLASSID = '{4273EDBD-AC1D-40D3-9FB2-095C621B552D}';

/** Emulated delays of an import (deploy.md §4 "on a scalable clock"): (unconfirmed) figures, real imports vary. */
export const IMPORT_TIMING = {
    /** Until the async operation leaves Waiting for Resources (statecode 0) for In Progress (statecode 2). */
    startMs: 2_000,
    /** Until the importjob row exists; before that GET importjobs(<id>) answers 404 (deploy.md §4). */
    jobCreatedMs: 4_000,
    /** From start to completion (statecode 3). */
    durationMs: 40_000,
};

/** How long the customization lock holds after an import ended (deploy.md §5 "even just after"): (unconfirmed). */
export const LOCK_AFTER_IMPORT_MS = 20_000;

/** How a locked solution operation is refused: (unconfirmed) 429 + Retry-After, or 400 with 0x80071151 (deploy.md §5). */
export const LOCK_REPLY: 'throttle' | 'error' = 'throttle';

/** CustomizationLockException's code (deploy.md §5). */
export const LOCK_CODE = '0x80071151';

/** User not a member of the environment's organization (deploy.md §2). */
export const NOT_MEMBER_CODE = '0x80072560';

/** The error code a broken solution file answers with at stage and import: (unconfirmed). */
export const INVALID_ZIP_CODE = '0x80048060';

/** Device code: the stand-in approves a code by itself after this many real ms (DEPLOY-CONTRACT.md). */
export const DEVICE_APPROVAL_MS = 2_000;

/** Device code lifetime and polling interval in seconds (deploy.md §1). */
export const DEVICE_CODE = { expiresInS: 900, intervalS: 1 };

/** Access token lifetime (real seconds); Entra's default is about an hour: (unconfirmed) exact figure. */
export const ACCESS_TOKEN_LIFETIME_S = 3_600;

/**
 * AADSTS codes of the device and code flows. 70016 (pending) is documented (deploy.md §1); the others are
 * (unconfirmed) numbers for the documented error names.
 */
export const AADSTS = {
    authorizationPending: 70016,
    authorizationDeclined: 70011,
    badVerificationCode: 70019,
    expiredToken: 70020,
    codeRedeemed: 54005,
    pkceMismatch: 501481,
    refreshExpired: 700082,
    invalidClientSecret: 7000215,
    unknownClient: 700016,
    invalidScope: 70011,
};

/** Privileges the deployment pre-checks ask about (deploy.md §2); prvWriteSystemForm is (unconfirmed). */
export const DEPLOY_PRIVILEGES = ['prvImportCustomization', 'prvWriteSystemForm', 'prvPublishCustomizations'];

/** Roles that hold the deployment privileges. */
export const CUSTOMIZER_ROLES = ['System Administrator', 'System Customizer'];
