// The signed-in user: a bearer token kept for this browser tab only (sessionStorage).

import { api, setToken } from './api.js';

const KEY = 'engram.token';

/** The claims of a JWT (not verified here: the API verifies every call), or null if it is not one. */
export function claimsOf(token) {
    const parts = String(token).trim().split('.');
    if (parts.length !== 3) return null;
    try {
        const binary = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
        const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
        return claims && typeof claims === 'object' ? claims : null;
    } catch {
        return null;
    }
}

function sessionOf(token) {
    const claims = claimsOf(token);
    if (!claims || !claims.sub) return null;
    if (claims.exp && claims.exp * 1000 <= Date.now()) return null;
    const groups = Array.isArray(claims.groups) ? claims.groups : [];
    return { token: token.trim(), user: claims.sub, groups, admin: groups.includes('admin'), expiresAt: claims.exp };
}

/** The stored session, if its token has not expired. */
export function restore() {
    const stored = sessionStorage.getItem(KEY);
    const session = stored && sessionOf(stored);
    if (!session) {
        sessionStorage.removeItem(KEY);
        return null;
    }
    setToken(session.token);
    return session;
}

/** Signs in with a token after checking that the API accepts it. */
export async function signIn(token) {
    const session = sessionOf(token);
    if (!session) throw new Error('That is not a valid, unexpired JWT with a subject (sub).');
    setToken(session.token);
    try {
        await api('api/v1/jobs', { query: { limit: 1 } });
    } catch (e) {
        setToken(null);
        throw e.status === 401 ? new Error('Engram did not accept that token (signature, issuer or audience).') : e;
    }
    sessionStorage.setItem(KEY, session.token);
    return session;
}

export function signOut() {
    sessionStorage.removeItem(KEY);
    setToken(null);
}

/** Whether this server offers the dev login (local build, key pair present, called from this machine). */
export async function devLoginAvailable() {
    try {
        const answer = await api('local/dev-login', { auth: false });
        return Boolean(answer?.available);
    } catch {
        return false;
    }
}

/** Mints a token through the local dev login and signs in with it. */
export async function devLogin(user, groups) {
    const answer = await api('local/dev-login', { method: 'POST', json: { user, groups }, auth: false });
    return signIn(answer.token);
}
