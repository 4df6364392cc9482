/**
 * Error bodies with the platform's shape `{"error":{"code":"0x…","message":"…"}}` (dataverse.md §8: branch on
 * `code`, the Dataverse hex, not on the HTTP status). Codes marked (unconfirmed) were not verified on a live org.
 */
import type { OpResult } from './types';

/** Dataverse error codes the engine emits. */
export const CODES = {
    /** OData URI/property errors: unknown property, $filter syntax (observed on v9.2). */
    odataQuery: '0x80060888',
    /** Resource not found for the segment (unknown entity set / function). */
    segmentNotFound: '0x8006088a',
    /** Record does not exist. */
    notFound: '0x80040217',
    /** If-Match RowVersion mismatch (dataverse.md §8). */
    concurrency: '0x80060882',
    /** Duplicate key on create. */
    duplicate: '0x80040237',
    /** Length/range validation ("A validation error occurred."). */
    validation: '0x80044331',
    /** Option value outside the valid range. */
    optionRange: '0x8004431a',
    /** Payload could not be converted (wrong JSON type for a column). */
    payload: '0x80048d19',
    /** Read-only column in a write payload (unconfirmed). */
    readOnly: '0x80048d19',
    /** Missing privilege (SecLib::AccessCheckEx; "Principal user … is missing … privilege"). */
    privilege: '0x80040220',
    /** Generic unexpected error (used for injected 500/503). */
    unexpected: '0x80040216',
    /** Service protection (dataverse.md §9). */
    requests: '0x80072322',
    executionTime: '0x80072321',
    concurrent: '0x80072326',
    /** SQL errors (Microsoft Learn "Troubleshoot Dataverse bulk operation errors"): deadlock class and timeout. */
    sqlGeneric: '0x80044150',
    sqlTimeout: '0x80044151',
    /** AggregateQueryRecordLimit exceeded (Microsoft Learn "Aggregate data using FetchXml": 8004E023). */
    aggregateLimit: '0x8004e023',
    /**
     * FetchXML query-builder errors, by the SDK's names (QueryBuilderNoAttribute, QueryBuilderAttribute_With_Aggregate,
     * QueryBuilderNoAlias); that the Web API answers these exact codes for these texts is (unconfirmed).
     */
    fetchNoAttribute: '0x80041103',
    fetchAttributeWithAggregate: '0x80041107',
    fetchNoAlias: '0x8004110b',
    /** Expired session (unconfirmed: the real 401 body varies by front end). */
    unauthenticated: '0x80072560',
} as const;

/** An OData error as an operation result. */
export function odataError(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
): OpResult {
    return { status, headers, body: { error: { code, message } } };
}

/**
 * The 500 a transient SQL error answers with. Texts from Microsoft Learn "Troubleshoot Dataverse bulk operation
 * errors" (Generic SQL error: CRM ErrorCode -2147204784, Sql Number 1205, a deadlock on concurrent updates of one
 * record; SQL timeout expired: -2147204783, Sql Number -2, a batch too large); the Web API prefixes " Sql error: ",
 * leading space included, as captured from live answers.
 */
export function sqlError(kind: 'generic' | 'timeout'): OpResult {
    return kind === 'generic'
        ? odataError(
              500,
              CODES.sqlGeneric,
              ' Sql error: Generic SQL error. CRM ErrorCode: -2147204784 Sql ErrorCode: -2146232060 Sql Number: 1205',
          )
        : odataError(
              500,
              CODES.sqlTimeout,
              ' Sql error: SQL timeout expired. CRM ErrorCode: -2147204783 Sql ErrorCode: -2146232060 Sql Number: -2',
          );
}

/** 400 for a property the table does not have (same shape for $select, $filter, $orderby and payloads). */
export function unknownProperty(name: string, logicalName: string): OpResult {
    return odataError(
        400,
        CODES.odataQuery,
        `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${logicalName}'.`,
    );
}

/** 404 for a missing record, as Dataverse words it. */
export function recordNotFound(logicalName: string, id: string): OpResult {
    return odataError(404, CODES.notFound, `${logicalName} With Id = ${id} Does Not Exist`);
}

/** Thrown inside parsers/validators and turned into an OpResult by the router. */
export class EmulatorError extends Error {
    constructor(public readonly result: OpResult) {
        super(JSON.stringify(result.body));
    }
}
