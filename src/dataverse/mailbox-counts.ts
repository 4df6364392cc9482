/**
 * How many of a profile's mailboxes are in each segment, counted by Dataverse instead of by loading every mailbox.
 * FetchXML aggregate, not OData $apply: PCF's retrieveMultipleRecords documents FetchXML (`?fetchXml=`) and not
 * $apply, so this query works through the documented platform API as well as through our client; both syntaxes carry
 * the same 50,000-row limit (Microsoft Learn "Aggregate data using FetchXml"; tests/sandbox/emulator/README.md
 * "Aggregate queries"). Over the limit Dataverse answers 400 0x8004e023; the query is then split by the values of one
 * grouped column after another and the parts added up.
 */
import {
    COUNT_COLUMNS,
    COUNT_VALUES,
    mailboxCountFetchXml,
    type CountColumn,
    type CountGroup,
    type CountSplit,
} from '../core/mailbox-segments';
import { normaliseGuid } from '../core/odata';
import { ENTITY_SET, MAILBOX } from '../core/schema';
import { DataverseError } from './errors';
import type { DataverseHttp } from './http';
import { flagOf, numberOf, type RawRow } from './row';

/** AggregateQueryRecordLimit exceeded (Number −2147164125); the Web API writes the hex in lower case. */
export const AGGREGATE_LIMIT_CODE = '0x8004e023';

/** The columns a query over too many rows is split by, in turn. */
const SPLIT_ORDER = Object.keys(COUNT_COLUMNS) as CountColumn[];

function toGroup(raw: RawRow): CountGroup {
    return {
        count: numberOf(raw, 'count') ?? 0,
        approval: numberOf(raw, 'approval'),
        status: numberOf(raw, 'status'),
        scheduled: flagOf(raw, 'scheduled'),
    };
}

const isOverLimit = (error: unknown) =>
    error instanceof DataverseError && error.code.toLowerCase() === AGGREGATE_LIMIT_CODE;

async function countPart(
    http: DataverseHttp,
    profileId: string,
    splits: readonly CountSplit[],
    signal?: AbortSignal,
): Promise<CountGroup[]> {
    const fetchXml = mailboxCountFetchXml(profileId, MAILBOX.profileAttribute, splits);
    try {
        const response = await http.send<{ value: RawRow[] }>(
            `${ENTITY_SET.mailbox}?fetchXml=${encodeURIComponent(fetchXml)}`,
            { signal },
        );
        return response.body.value.map(toGroup);
    } catch (error) {
        const column = SPLIT_ORDER[splits.length];
        // Split by the next grouped column; a part that is over the limit with all three fixed cannot be split.
        if (!isOverLimit(error) || column === undefined) throw error;
        const parts = await Promise.all(
            COUNT_VALUES[column].map((value) => countPart(http, profileId, [...splits, { column, value }], signal)),
        );
        return parts.flat();
    }
}

/** The profile's active mailboxes grouped by approval, test status and "test scheduled", with a count per group. */
export async function countMailboxes(
    http: DataverseHttp,
    profileId: string,
    signal?: AbortSignal,
): Promise<CountGroup[]> {
    const id = normaliseGuid(profileId);
    if (!id) throw new Error(`Not a profile id: ${profileId}`);
    return countPart(http, id, [], signal);
}
