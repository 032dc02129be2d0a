// Engram's API over fetch: bearer token, JSON in and out, problem+json errors as ApiError.

/** An error answer of the API (RFC 9457 problem details) or a network failure (status 0). */
export class ApiError extends Error {
    constructor(status, title, detail, errors) {
        super(detail || title || `HTTP ${status}`);
        this.status = status;
        this.title = title;
        this.errors = errors || [];
    }
}

let token = null;
let unauthorized = () => {};

export function setToken(value) {
    token = value;
}

/** The bearer token in use, or null when signed out. */
export function currentToken() {
    return token;
}

/** Called when a request with a token answers 401: the token expired or is not trusted. */
export function onUnauthorized(handler) {
    unauthorized = handler;
}

/**
  * Calls the API. Paths are relative to the page (no leading slash) so the page also works under a path prefix.
  * Options: method, json (a body to send as JSON), form (FormData), query (object), auth (default true).
  */
export async function api(path, { method = 'GET', json, form, query, auth = true } = {}) {
    const url = new URL(path, document.baseURI);
    for (const [k, v] of Object.entries(query || {})) {
        if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    }
    const headers = { Accept: 'application/json, application/problem+json' };
    if (auth && token) headers.Authorization = `Bearer ${token}`;
    let body;
    if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(json);
    } else if (form) {
        body = form;
    }
    let response;
    for (let attempt = 0; ; attempt += 1) {
        try {
            response = await fetch(url, { method, headers, body });
        } catch (e) {
            throw new ApiError(0, 'Network error', 'Engram did not answer; is it running?');
        }
        // Over the per-user rate limit: wait as told (a little, at most twice), then try again.
        if (response.status !== 429 || attempt >= 2) break;
        const wait = Math.min(Number(response.headers.get('Retry-After')) || 1, 10);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
    const text = await response.text();
    let data = null;
    if (text) {
        try {
            data = JSON.parse(text);
        } catch {
            data = null;
        }
    }
    if (!response.ok) {
        const error = new ApiError(response.status, data?.title || response.statusText,
            data?.detail || `${response.status} ${response.statusText}`, data?.errors);
        if (response.status === 401 && auth && token) unauthorized(error);
        throw error;
    }
    return data;
}
