// The live progress of one job, pushed over a WebSocket until the job has finished. GET api/v1/progress/socket says
// which one: this server's own (protocol "path": …/extract/{task_id}/ws pushes that task), or on AWS the stack's
// WebSocket API (protocol "subscribe": its wss:// URL, then {"action":"subscribe","task_id":…}). When no socket can be
// opened, or one breaks off, it polls GET …/extract/{task_id}/progress instead.

import { ApiError, api, currentToken } from './api.js';
import { $ } from './dom.js';
import { FINISHED_STATES, STAGE_LABELS } from './types.js';

const POLL_MS = 600;
let current = null;
let socketInfo = null;

/** Where progress sockets are, asked once per page; an older server that cannot say has its own socket. */
function socketPlace() {
    socketInfo ??= api('api/v1/progress/socket').catch(() => ({ protocol: 'path' }));
    return socketInfo;
}

/** Words for a progress answer: stage, chunk n of m, pages, percent. */
export function describe(p) {
    if (p.state === 'failed') return `Failed: ${p.error || 'no reason given'}`;
    const parts = [STAGE_LABELS[p.stage] || p.stage || p.state];
    if (p.total_chunks) parts.push(`chunk ${p.chunk ?? 0} of ${p.total_chunks}`);
    if (p.total_pages) parts.push(`pages ${p.pages_done ?? 0} of ${p.total_pages}`);
    if (p.chunks_failed) parts.push(`${p.chunks_failed} failed`);
    parts.push(`${p.progress ?? 0}%`);
    let text = parts.join(' · ');
    if (FINISHED_STATES.has(p.state) && p.result) {
        const n = p.result.memories_extracted;
        text += ` · ${n} ${n === 1 ? 'memory' : 'memories'} extracted`;
    }
    if (p.state === 'completed_with_errors' && p.error) text += ` · ${p.error}`;
    return text;
}

function show(p) {
    const box = $('#progress');
    box.hidden = false;
    box.dataset.state = p.state;
    const bar = $('#progress-bar');
    bar.value = p.progress ?? 0;
    const text = describe(p);
    // Only changed words are written, so screen readers are not flooded by identical updates.
    const out = $('#progress-text');
    if (out.textContent !== text) out.textContent = text;
}

/** The progress socket's address: the WebSocket API's, or this server's for the task (ws: or wss: as the page). */
function socketUrl(place, taskId) {
    if (place.protocol === 'subscribe') return new URL(place.url);
    const url = new URL(`api/v1/memories/extract/${encodeURIComponent(taskId)}/ws`, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url;
}

/** Shows a job's progress until it finishes; resolves with the last progress answer. A newer track() ends this one. */
export function track(taskId) {
    const token = {};
    if (current?.socket) current.socket.close();
    current = token;
    show({ state: 'pending', stage: 'queued', progress: 0 });
    return new Promise((resolve, reject) => {
        const finish = (p) => {
            if (current === token) current = null;
            resolve(p);
        };
        const poll = async () => {
            if (current !== token) return;
            try {
                const p = await api(`api/v1/memories/extract/${encodeURIComponent(taskId)}/progress`);
                if (current !== token) return;
                show(p);
                if (FINISHED_STATES.has(p.state)) finish(p);
                else setTimeout(poll, POLL_MS);
            } catch (e) {
                if (current === token) current = null;
                reject(e);
            }
        };
        const bearer = currentToken();
        if (typeof WebSocket !== 'function' || !bearer) {
            poll();
            return;
        }
        socketPlace().then((place) => {
            if (current !== token) return;
            let socket;
            try {
                // Browsers cannot set headers on a WebSocket: the token travels as the subprotocols "bearer, <token>".
                socket = new WebSocket(socketUrl(place, taskId), ['bearer', bearer]);
            } catch {
                poll();
                return;
            }
            token.socket = socket;
            let done = false;
            let notFound = false;
            if (place.protocol === 'subscribe') {
                socket.onopen = () => socket.send(JSON.stringify({ action: 'subscribe', task_id: taskId }));
            }
            socket.onmessage = (event) => {
                if (current !== token) return;
                const p = JSON.parse(event.data);
                if (p.error) {
                    // The WebSocket API's errors carry the close code this server's socket would use.
                    notFound = p.code === 4404;
                    socket.close();
                    return;
                }
                show(p);
                if (FINISHED_STATES.has(p.state)) {
                    done = true;
                    // The WebSocket API answers a subscribe to a finished task and leaves the connection open.
                    socket.close();
                    finish(p);
                }
            };
            socket.onclose = (event) => {
                token.socket = null;
                if (done || current !== token) return;
                if (notFound || event.code === 4404) {
                    current = null;
                    reject(new ApiError(404, 'Not Found', `task ${taskId} not found`));
                    return;
                }
                // No socket here (an older server, a proxy), it broke off, or its token expired: poll until the job
                // has finished (a poll with an expired token signs out, as any call does).
                poll();
            };
        });
    });
}

/** Stops following any job and hides the bar. */
export function reset() {
    if (current?.socket) current.socket.close();
    current = null;
    $('#progress').hidden = true;
    $('#progress-text').textContent = '';
    $('#progress-bar').value = 0;
}
