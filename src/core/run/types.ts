/** Shared types of a bulk approve + Test & Enable run (dataverse.md §3, §5, §6). */
import type { TestPatch } from '../test-and-enable';

/** A mailbox row as listMailboxes maps it (dataverse.md §3 $select). */
export type MailboxRow = {
    mailboxid: string;
    name: string;
    emailaddress: string | null;
    regardingId: string | null;
    regardingType: string | null;
    profileId: string | null;
    emailrouteraccessapproval: number | null;
    isemailaddressapprovedbyo365admin: boolean | null;
    incomingemailstatus: number | null;
    outgoingemailstatus: number | null;
    actstatus: number | null;
    mailboxstatus: number | null;
    incomingemaildeliverymethod: number | null;
    outgoingemaildeliverymethod: number | null;
    actdeliverymethod: number | null;
    testemailconfigurationscheduled: boolean | null;
    testmailboxaccesscompletedon: string | null;
    statecode: number | null;
    etag?: string;
    /** FormattedValue annotations keyed by column name. */
    formatted: Record<string, string>;
};

/** emailrouteraccessapproval option values (dataverse.md §3.2). */
export const APPROVAL = { empty: 0, approved: 1, pending: 2, rejected: 3 } as const;
/** Server-Side Sync values: incoming/outgoing 2, ACT 1 (dataverse.md §3.2). */
export const SSS = { incoming: 2, outgoing: 2, act: 1 } as const;

/** Whether each direction of a mailbox is delivered by Server-Side Sync. */
export type SyncDirections = { incoming: boolean; outgoing: boolean; act: boolean };

/** Which directions (incoming, outgoing, ACT) of a mailbox are delivered by Server-Side Sync. */
export function serverSideSyncDirections(row: MailboxRow): SyncDirections {
    return {
        incoming: row.incomingemaildeliverymethod === SSS.incoming,
        outgoing: row.outgoingemaildeliverymethod === SSS.outgoing,
        act: row.actdeliverymethod === SSS.act,
    };
}
/** Test status values (dataverse.md §3.2). */
export const TEST_STATUS = { notRun: 0, success: 1, failure: 2 } as const;

/** Run modes offered by the UI. */
export type RunMode = 'approveAndTest' | 'testOnly';

/**
 * Why a mailbox is not processed. 'approvalRefused': Dataverse refused the run's first approval (the canary) because
 * of who sent it, so the run stopped before sending anything else.
 */
export type SkipReason =
    'inactive' | 'noProfile' | 'notServerSideSync' | 'cannotApprove' | 'notApproved' | 'cancelled' | 'approvalRefused';

/** One mailbox in a plan. */
export type PlanItem = { mailboxId: string; name: string; approve: boolean; test: boolean; skip?: SkipReason };

/** What planRun produces. */
export type RunPlan = { mode: RunMode; createdAt: string; items: PlanItem[]; testPatch: TestPatch };
