/**
 * Who sends a Web API request (DEPLOY-CONTRACT.md "Challenge and tokens"): a bearer token from the Entra stand-in
 * (aud = this origin, tid = the environment's tenant, not expired) acts as the systemuser of its oid; a token for
 * someone with no systemuser here meets 403 0x80072560; anything else with a token meets 401. Without a token the
 * service document is challenged (deploy.md §1) and other requests run as the sandbox's signed-in browser user,
 * unless requireBearer is switched on. One-shot faults (401/429/503/dropped connection) are applied first.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorUser } from '../emulator/contract';
import { CODES, odataError } from '../emulator/errors';
import type { Admission, OpRequest } from '../emulator/types';
import { systemUserOfOid } from './accounts';
import { ENVIRONMENT_TENANT_ID, LOGIN_HOST, NOT_MEMBER_CODE } from './constants';
import type { DeployState } from './state';

function challenge(origin: string, error?: string): Admission {
    const where = `authorization_uri=https://${LOGIN_HOST}/${ENVIRONMENT_TENANT_ID}/oauth2/authorize, resource_id=${origin}/`;
    const header = error ? `Bearer error="invalid_token", error_description="${error}", ${where}` : `Bearer ${where}`;
    return { reply: { status: 401, headers: { 'WWW-Authenticate': header } } };
}

function fault(s: DeployState, op: OpRequest): Admission | undefined {
    const path = decodeURIComponent(op.path);
    const rule = s.faults.find((f) => path.includes(f.match) && (!f.method || f.method.toUpperCase() === op.method));
    if (!rule) return undefined;
    rule.seen += 1;
    if (rule.seen <= (rule.after ?? 0)) return undefined;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) s.faults = s.faults.filter((f) => f !== rule);
    if (rule.reply === 'drop') return { drop: true };
    if (rule.reply === 401)
        return {
            reply: {
                status: 401,
                headers: {
                    'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The token has expired"',
                },
            },
        };
    const retry = { 'Retry-After': String(rule.retryAfter ?? 1) };
    if (rule.reply === 429)
        return {
            reply: odataError(
                429,
                CODES.requests,
                'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
                retry,
            ),
        };
    return {
        reply: odataError(503, CODES.unexpected, 'The service is temporarily unavailable. Try again later.', retry),
    };
}

function bearerUser(s: DeployState, token: string, origin: string): Admission {
    const claims = s.entra.verify(token);
    if (!claims) return challenge(origin, 'The token is not valid');
    const aud = String(claims.aud ?? '').replace(/\/$/, '');
    if (aud !== origin) return challenge(origin, `The audience '${String(claims.aud)}' is invalid`);
    if (claims.tid !== ENVIRONMENT_TENANT_ID) return challenge(origin, 'The token is for another tenant');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now())
        return challenge(origin, 'The token is expired');
    const systemuserid = systemUserOfOid(String(claims.oid ?? ''));
    const user = systemuserid ? s.domain?.users.find((u: EmulatorUser) => u.systemuserid === systemuserid) : undefined;
    if (!user)
        return {
            reply: odataError(
                403,
                NOT_MEMBER_CODE,
                `The user with object id ${String(claims.oid)} is not a member of the organization.`,
            ),
        };
    return { user };
}

/** Admit one Web API request (see the module comment). */
export function admit(s: DeployState, req: IncomingMessage, op: OpRequest): Admission | undefined {
    const faulted = fault(s, op);
    if (faulted) return faulted;
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const authorization = req.headers.authorization;
    if (authorization) {
        const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
        return bearer ? bearerUser(s, bearer[1], origin) : challenge(origin, 'Only bearer tokens are accepted');
    }
    if (op.path === '' || s.switches.requireBearer) return challenge(origin);
    return undefined;
}
