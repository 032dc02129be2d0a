// The live progress of one job: polls GET …/extract/{task_id}/progress until the job has finished.

import { api } from './api.js';
import { $ } from './dom.js';
import { FINISHED_STATES, STAGE_LABELS } from './types.js';

const POLL_MS = 600;
let current = null;

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

/** Shows a job's progress until it finishes; resolves with the last progress answer. A newer track() ends this one. */
export function track(taskId) {
    const token = {};
    current = token;
    show({ state: 'pending', stage: 'queued', progress: 0 });
    return new Promise((resolve, reject) => {
        const poll = async () => {
            if (current !== token) return;
            try {
                const p = await api(`api/v1/memories/extract/${encodeURIComponent(taskId)}/progress`);
                if (current !== token) return;
                show(p);
                if (FINISHED_STATES.has(p.state)) {
                    current = null;
                    resolve(p);
                } else {
                    setTimeout(poll, POLL_MS);
                }
            } catch (e) {
                if (current === token) current = null;
                reject(e);
            }
        };
        poll();
    });
}

/** Stops following any job and hides the bar. */
export function reset() {
    current = null;
    $('#progress').hidden = true;
    $('#progress-text').textContent = '';
    $('#progress-bar').value = 0;
}
