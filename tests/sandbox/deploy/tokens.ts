/**
 * JWT-shaped tokens of the Entra stand-in: base64url header.payload.signature, HMAC-signed with a key that lives only
 * in this process, so the emulator can tell its own tokens from forged or altered ones (DEPLOY-CONTRACT.md).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Claims the emulator reads from an access token. */
export type AccessClaims = {
    aud: string;
    iss: string;
    tid: string;
    oid: string;
    upn?: string;
    scp?: string;
    roles?: string[];
    appid: string;
    iat: number;
    nbf: number;
    exp: number;
};

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A signer with its own random key. */
export function createSigner(): {
    sign(claims: Record<string, unknown>): string;
    verify(token: string): Record<string, unknown> | undefined;
} {
    const key = randomBytes(32);
    const mac = (text: string) => createHmac('sha256', key).update(text).digest();
    return {
        sign(claims) {
            const body = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'sandbox' }))}.${b64url(JSON.stringify(claims))}`;
            return `${body}.${mac(body).toString('base64url')}`;
        },
        verify(token) {
            const parts = token.split('.');
            if (parts.length !== 3) return undefined;
            const expected = mac(`${parts[0]}.${parts[1]}`);
            const given = Buffer.from(parts[2], 'base64url');
            if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
            try {
                return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
            } catch {
                return undefined;
            }
        },
    };
}

/** client_info as Entra returns it: base64url JSON {uid, utid} (deploy.md §8). */
export function clientInfo(oid: string, tid: string): string {
    return b64url(JSON.stringify({ uid: oid, utid: tid }));
}

/** An opaque random string (codes, refresh tokens). */
export function opaque(bytes = 24): string {
    return randomBytes(bytes).toString('base64url');
}

/** The resource a scope names: `https://org.example/user_impersonation` → `https://org.example`. */
export function resourceOfScope(scope: string): string | undefined {
    const first = scope.split(/\s+/).find((s) => /^https?:\/\//i.test(s));
    if (!first) return undefined;
    const url = new URL(first);
    return url.origin;
}
