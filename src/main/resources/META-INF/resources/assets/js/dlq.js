// Admins: the dead-letter queues and their redrive. The admin API may be absent from a build; that is not an error.

import { api } from './api.js';
import { $, h, timeOf, uid } from './dom.js';

let onError = () => {};
let notify = () => {};

export function setUpDlq(handlers) {
    onError = handlers.onError;
    notify = handlers.notify;
    $('#dlq-refresh').addEventListener('click', () => refreshDlq());
}

// Accepts {queues: [...]}, a bare array, or {<queue>: {...}}: the admin API is newer than this page.
function queuesOf(answer) {
    if (Array.isArray(answer)) return answer;
    if (Array.isArray(answer?.queues)) return answer.queues;
    if (answer && typeof answer === 'object') return Object.entries(answer).map(([queue, v]) => ({ queue, ...v }));
    return [];
}

const nameOf = (q) => q.queue ?? q.name ?? q.queue_name ?? 'queue';
const countOf = (q) => q.approximate_messages ?? q.messages_available ?? q.depth ?? q.count ?? q.messages?.length;

export async function refreshDlq() {
    const status = $('#dlq-status');
    const list = $('#dlq-list');
    status.textContent = 'Loading…';
    let answer;
    try {
        answer = await api('api/v1/admin/dlq');
    } catch (e) {
        list.replaceChildren();
        if (e.status === 404) status.textContent = 'This server has no dead-letter queue view.';
        else if (e.status === 403) status.textContent = 'Your token does not carry the admin group.';
        else if (e.status !== 401) {
            status.textContent = '';
            onError(e, 'Loading the dead-letter queues failed');
        }
        return;
    }
    const queues = queuesOf(answer);
    status.textContent = queues.length ? '' : 'No dead-letter queues.';
    list.replaceChildren(...queues.map(queue));
}

function queue(q) {
    const name = nameOf(q);
    const count = countOf(q);
    const titleId = uid('dlq');
    const messages = Array.isArray(q.messages) ? q.messages : [];
    return h('li', { class: 'dlq-queue' },
        h('div', { class: 'card-head' },
            h('h3', { id: titleId }, name),
            h('span', { class: 'badge' }, count == null ? 'count unknown' : `${count} ${count === 1 ? 'message' : 'messages'}`)),
        messages.length ? h('ul', { class: 'dlq-messages', 'aria-labelledby': titleId }, messages.slice(0, 20).map(message)) : null,
        h('button', {
            type: 'button', class: 'btn', 'aria-describedby': titleId, disabled: count === 0,
            onclick: (e) => redrive(name, e.currentTarget),
        }, 'Redrive'));
}

function message(m) {
    const reason = m.reason ?? m.error ?? m.failure_reason;
    const when = m.sent_at ?? m.first_received_at ?? m.timestamp;
    return h('li', {},
        h('code', {}, m.message_id ?? m.id ?? ''),
        when ? [' · ', timeOf(when)] : null,
        m.receive_count != null ? ` · ${m.receive_count} deliveries` : null,
        m.status ? [' · ', h('span', { class: `badge dlq-status dlq-${m.status}` }, statusText(m))] : null,
        m.task_id ? h('p', {}, `Job ${m.task_id}${m.chunk != null ? `, chunk ${m.chunk}` : ''}${m.user_id ? ` (user ${m.user_id})` : ''}`) : null,
        reason ? h('p', { class: 'job-error' }, reason) : null,
        m.body ? h('pre', { class: 'dlq-body' }, typeof m.body === 'string' ? m.body : JSON.stringify(m.body, null, 2)) : null);
}

/** What the automatic retries did or will do with a dead letter. */
function statusText(m) {
    const retries = `${m.retries ?? 0} of ${m.max_retries ?? 0} automatic retries`;
    switch (m.status) {
        case 'escalated': return `escalated after ${retries}`;
        case 'will_retry': return `${m.kind ?? 'transient'}: retried by the next sweep, ${m.next_retry_delay_seconds} s later (${retries} so far)`;
        case 'will_escalate': return `${m.kind ?? 'permanent'}: escalated by the next sweep (${retries})`;
        default: return 'automatic retries off';
    }
}

async function redrive(name, button) {
    button.disabled = true;
    try {
        const answer = await api(`api/v1/admin/dlq/${encodeURIComponent(name)}/redrive`, { method: 'POST' });
        const moved = answer?.moved ?? answer?.redriven ?? answer?.count;
        notify(moved == null ? `Redrive of ${name} started.` : `Moved ${moved} ${moved === 1 ? 'message' : 'messages'} from ${name} back to its queue.`);
        await refreshDlq();
    } catch (e) {
        button.disabled = false;
        if (e.status === 404) notify(`Redrive is not available for ${name} on this server.`);
        else if (e.status === 403) notify('Redrive needs the admin group.');
        else onError(e, `Redrive of ${name} failed`);
    }
}
