// The caller's jobs, newest first, with their states and failure reasons.

import { api } from './api.js';
import { $, h, timeOf, uid } from './dom.js';
import { FINISHED_STATES } from './types.js';

const PAGE = 10;
const REFRESH_MS = 2000;
let nextCursor = null;
let timer = null;
const RETRYABLE = new Set(['failed', 'cancelled', 'completed_with_errors']);
let openJob = () => {};
let retried = () => {};
let onError = () => {};

export function setUpJobs(handlers) {
    openJob = handlers.onOpen;
    retried = handlers.onRetried;
    onError = handlers.onError;
    $('#jobs-refresh').addEventListener('click', () => refreshJobs());
    $('#jobs-more').addEventListener('click', () => refreshJobs({ more: true }));
}

/** Reloads the first page (or appends the next one); keeps refreshing while a job is still running. */
export async function refreshJobs({ more = false } = {}) {
    clearTimeout(timer);
    let page;
    try {
        page = await api('api/v1/jobs', { query: { limit: PAGE, cursor: more ? nextCursor : undefined } });
    } catch (e) {
        if (e.status !== 401) onError(e, 'Loading jobs failed');
        return;
    }
    nextCursor = page.next_cursor;
    const list = $('#jobs-list');
    const items = page.jobs.map(item);
    if (more) list.append(...items);
    else list.replaceChildren(...items);
    $('#jobs-empty').hidden = list.children.length > 0;
    $('#jobs-more').hidden = !nextCursor;
    if (!more && page.jobs.some((j) => !FINISHED_STATES.has(j.state))) {
        timer = setTimeout(() => refreshJobs(), REFRESH_MS);
    }
}

export function clearJobs() {
    clearTimeout(timer);
    nextCursor = null;
    $('#jobs-list').replaceChildren();
    $('#jobs-empty').hidden = false;
    $('#jobs-more').hidden = true;
}

function item(job) {
    const running = !FINISHED_STATES.has(job.state);
    const label = uid('job');
    const what = [job.source_id || job.source || 'text'];
    if (job.total_chunks) what.push(`${job.total_chunks} ${job.total_chunks === 1 ? 'chunk' : 'chunks'}`);
    what.push(`${job.memories_extracted ?? 0} ${job.memories_extracted === 1 ? 'memory' : 'memories'}`);
    return h('li', { class: `job state-${job.state}` },
        h('div', { class: 'job-head' },
            h('span', { class: `badge state-badge state-${job.state}` }, job.state.replace(/_/g, ' ')),
            h('span', { id: label, class: 'job-what' }, what.join(' · ')),
            job.created_at ? h('span', { class: 'job-time' }, timeOf(job.created_at)) : null),
        running ? h('progress', { max: 100, value: job.progress ?? 0, 'aria-labelledby': label }) : null,
        job.error ? h('p', { class: 'job-error' }, h('strong', {}, 'Reason: '), job.error) : null,
        h('div', { class: 'job-foot' },
            // A failed job has nothing to review: its reason above is all there is.
            h('span', { class: 'help' }, job.state === 'failed' ? '' : (job.extraction_status || '').replace(/_/g, ' ')),
            h('div', { class: 'actions' },
                job.state === 'failed' ? null : h('button', {
                    type: 'button', class: 'btn btn-small', 'aria-describedby': label, onclick: () => openJob(job),
                }, running ? 'Follow' : 'Review'),
                running ? h('button', {
                    type: 'button', class: 'btn btn-small btn-quiet', 'aria-describedby': label,
                    onclick: (e) => control(job, 'cancel', e.currentTarget),
                }, 'Cancel') : null,
                RETRYABLE.has(job.state) ? h('button', {
                    type: 'button', class: 'btn btn-small btn-quiet', 'aria-describedby': label,
                    onclick: (e) => control(job, 'retry', e.currentTarget),
                }, 'Retry') : null)));
}

async function control(job, action, button) {
    button.disabled = true;
    try {
        const answer = await api(`api/v1/jobs/${encodeURIComponent(job.task_id)}/${action}`, { method: 'POST' });
        if (action === 'retry') retried(answer);
        await refreshJobs();
    } catch (e) {
        button.disabled = false;
        if (e.status !== 401) onError(e, action === 'retry' ? 'Retrying the job failed' : 'Cancelling the job failed');
    }
}
