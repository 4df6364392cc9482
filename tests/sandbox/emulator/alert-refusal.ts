/**
 * The alert-read refusal fault (issue 14): every read of the tracelog table — the collection, one row, or a
 * navigation such as mailboxes(<id>)/tracelog_Mailbox — is refused, so a client must show its run results without
 * causes rather than end the run. 400 stands for a query the org refuses (dataverse.md §7: filtering alerts through
 * the regarding mailbox is (unconfirmed)); 403 for a user without read access to alerts.
 */
import type { EmulatorUser, TableDef } from './contract';
import { CODES, odataError, unknownProperty } from './errors';
import type { OpEnv, OpResult } from './types';

/** Logical name of the alerts table (dataverse.md §7). */
export const ALERT_TABLE = 'tracelog';

/** Privilege a read of alerts needs; its name follows prvRead<SchemaName>, as third-party privilege lists show it. */
export const READ_ALERTS_PRIVILEGE = 'prvReadTraceLog';

/** Object type code named in the 403 text: (unconfirmed) — decoders must branch on the error code. */
export const TRACELOG_OTC = 4700;

function missingPrivilege(user: EmulatorUser): OpResult {
    return odataError(
        403,
        CODES.privilege,
        `Principal user (Id=${user.systemuserid}, type=8, roleCount=${user.roles.length}, privilegeCount=${user.privileges.length}, accessMode=0), ` +
            `is missing ${READ_ALERTS_PRIVILEGE} privilege on OTC=${TRACELOG_OTC} for entity '${ALERT_TABLE}'. context.Caller=${user.systemuserid}`,
    );
}

/** The refusal of a read of `table`, or undefined when reads of it go ahead. */
export function alertReadRefusal(env: OpEnv, table: TableDef): OpResult | undefined {
    const refusal = env.faults.alertReadRefusal;
    if (refusal === null || table.logicalName !== ALERT_TABLE) return undefined;
    return refusal === 403 ? missingPrivilege(env.user) : unknownProperty('regardingobjectid_mailbox', ALERT_TABLE);
}
