// Review of one extraction: cards to approve, reject or edit, then one confirm call.

import { api } from './api.js';
import { $, h, metadataList, tagList, uid } from './dom.js';
import { MEMORY_TYPES, REVIEWABLE, typeLabel } from './types.js';

const STATUS_LABELS = {
    pending: 'Waiting for review',
    duplicate: 'Repeats a saved memory: approving it updates that one',
    confirmed: 'Saved',
    rejected: 'Rejected',
    expired: 'Expired before review',
};

const state = {
    extraction: null,
    decisions: new Map(), // temp_id → 'approve' | 'reject'
    edits: new Map(), // temp_id → {content, memory_type}
    editing: null, // temp_id of the card in edit mode
    onSaved: () => {},
    onError: () => {},
};

export function setUpReview({ onSaved, onError }) {
    state.onSaved = onSaved;
    state.onError = onError;
    $('#approve-all').addEventListener('click', () => decideAll('approve'));
    $('#reject-all').addEventListener('click', () => decideAll('reject'));
    $('#save-review').addEventListener('click', save);
}

/** Loads an extraction and shows its memories; keeps decisions when it is the same extraction. */
export async function loadExtraction(extractionId) {
    const extraction = await api(`api/v1/memories/extract/${encodeURIComponent(extractionId)}`);
    show(extraction);
    return extraction;
}

/** Shows an extraction answer (GET …/extract/{id}, or a synchronous extract answer). */
export function show(extraction) {
    if (state.extraction?.extraction_id !== extraction.extraction_id) {
        state.decisions.clear();
        state.edits.clear();
        state.editing = null;
    }
    state.extraction = extraction;
    render();
}

export function clearReview() {
    state.extraction = null;
    state.decisions.clear();
    state.edits.clear();
    state.editing = null;
    render();
}

const memories = () => state.extraction?.extracted_memories || [];
const reviewable = () => memories().filter((m) => REVIEWABLE.has(m.status));

function decideAll(decision) {
    for (const m of reviewable()) state.decisions.set(m.temp_id, decision);
    render();
}

function decide(id, decision) {
    if (state.decisions.get(id) === decision) state.decisions.delete(id);
    else state.decisions.set(id, decision);
    render(`[data-temp-id="${id}"] [data-action="${decision}"]`);
}

async function save() {
    const confirmed = [];
    const rejected = [];
    const edits = [];
    for (const m of reviewable()) {
        const decision = state.decisions.get(m.temp_id);
        if (decision === 'reject') rejected.push(m.temp_id);
        else if (decision === 'approve' && state.edits.has(m.temp_id)) edits.push({ temp_id: m.temp_id, ...state.edits.get(m.temp_id) });
        else if (decision === 'approve') confirmed.push(m.temp_id);
    }
    const button = $('#save-review');
    button.disabled = true;
    try {
        const id = state.extraction.extraction_id;
        const answer = await api(`api/v1/memories/extract/${encodeURIComponent(id)}/confirm`, {
            method: 'POST', json: { confirmed_ids: confirmed, rejected_ids: rejected, edits },
        });
        state.decisions.clear();
        state.edits.clear();
        state.editing = null;
        await loadExtraction(id);
        state.onSaved(answer);
    } catch (e) {
        state.onError(e, 'Saving the review failed');
        render();
    }
}

function render(focusSelector) {
    const list = $('#cards');
    const all = memories();
    const open = reviewable();
    list.replaceChildren(...all.map(card));
    $('#review-empty').hidden = all.length > 0;
    if (state.extraction && !all.length) {
        $('#review-empty').hidden = false;
        $('#review-empty').textContent = state.extraction.state === 'failed'
            ? `The job failed: ${state.extraction.error || 'no reason given'}`
            : state.extraction.status === 'processing' ? 'Still extracting…' : 'Nothing was extracted from this text.';
    } else {
        $('#review-empty').textContent = 'Extracted memories appear here for you to approve, edit or reject.';
    }
    $('#review-toolbar').hidden = open.length === 0;
    const approved = open.filter((m) => state.decisions.get(m.temp_id) === 'approve').length;
    const rejected = open.filter((m) => state.decisions.get(m.temp_id) === 'reject').length;
    $('#save-review').disabled = approved + rejected === 0;
    $('#review-summary').textContent = !state.extraction ? '' : open.length
        ? `${all.length} extracted · ${approved} approved · ${rejected} rejected · ${open.length - approved - rejected} undecided`
        : `${all.length} extracted · ${statusWords(state.extraction.status)}`;
    if (focusSelector) $(focusSelector)?.focus();
}

function statusWords(status) {
    return { reviewed: 'reviewed', auto_saved: 'saved without review', expired: 'expired', pending_review: 'waiting for review', processing: 'processing' }[status] || status;
}

function card(m) {
    const id = m.temp_id;
    const decision = state.decisions.get(id);
    const edit = state.edits.get(id);
    const open = REVIEWABLE.has(m.status);
    const type = edit?.memory_type || m.memory_type;
    const titleId = uid('card-title');
    const contentId = uid('card-content');
    const classes = ['card', `type-${type}`];
    if (decision) classes.push(`is-${decision}d`);
    if (!open) classes.push(`is-${m.status}`);

    const header = h('div', { class: 'card-head' },
        h('h3', { id: titleId, class: 'card-title' }, h('span', { class: `badge type-badge type-${type}` }, typeLabel(type)),
            h('span', { class: 'visually-hidden' }, ' memory')),
        h('span', { class: 'confidence', title: 'Confidence' },
            h('span', { class: 'visually-hidden' }, 'Confidence '), `${Math.round((m.confidence ?? 0) * 100)}%`),
        h('span', { class: 'chunk' }, m.excerpt?.page ? `Page ${m.excerpt.page} · chunk ${(m.chunk_index ?? 0) + 1}`
            : `Chunk ${(m.chunk_index ?? 0) + 1}`));
    const source = m.excerpt?.text && m.excerpt.text.trim() !== (edit?.content ?? m.content).trim()
        ? h('blockquote', { class: 'excerpt' }, h('span', { class: 'visually-hidden' }, 'From the source: '), m.excerpt.text)
        : null;

    // Where the memory stands in the notes: the headings above it and the item it answers (a verdict's subject).
    const where = [m.metadata?.heading_path, m.metadata?.parent_item ? `under “${m.metadata.parent_item}”` : null]
        .filter(Boolean);
    const context = where.length
        ? h('p', { class: 'context' }, h('span', { class: 'visually-hidden' }, 'In the notes: '), where.join(' · '))
        : null;
    const details = Object.fromEntries(Object.entries(m.metadata || {})
        .filter(([k]) => k !== 'heading_path' && k !== 'parent_item'));

    const body = state.editing === id ? editForm(m, contentId) : h('p', { class: 'content', id: contentId }, edit?.content ?? m.content);

    const notes = [];
    if (edit) notes.push('Edited');
    if (decision === 'approve') notes.push('Approved');
    if (decision === 'reject') notes.push('Rejected');
    if (!decision && open) notes.push(STATUS_LABELS[m.status]);
    if (!open) notes.push(STATUS_LABELS[m.status] || m.status);

    const actions = open && state.editing !== id ? h('div', { class: 'actions' },
        h('button', {
            type: 'button', class: 'btn btn-approve', 'data-action': 'approve', 'aria-pressed': String(decision === 'approve'),
            'aria-describedby': contentId, onclick: () => decide(id, 'approve'),
        }, 'Approve'),
        h('button', {
            type: 'button', class: 'btn btn-reject', 'data-action': 'reject', 'aria-pressed': String(decision === 'reject'),
            'aria-describedby': contentId, onclick: () => decide(id, 'reject'),
        }, 'Reject'),
        h('button', {
            type: 'button', class: 'btn btn-quiet', 'data-action': 'edit', 'aria-describedby': contentId,
            onclick: () => { state.editing = id; render(`[data-temp-id="${id}"] textarea`); },
        }, 'Edit')) : null;

    return h('li', { class: classes.join(' '), dataset: { tempId: id } },
        h('article', { 'aria-labelledby': titleId },
            header,
            context,
            body,
            source,
            metadataList(details),
            tagList(m.suggested_tags, 'Suggested tags'),
            h('p', { class: 'card-state' }, notes.join(' · ')),
            actions));
}

function editForm(m, contentId) {
    const id = m.temp_id;
    const current = state.edits.get(id) || { content: m.content, memory_type: m.memory_type };
    const contentField = uid('edit-content');
    const typeField = uid('edit-type');
    const close = (focusAction) => { state.editing = null; render(`[data-temp-id="${id}"] [data-action="${focusAction}"]`); };
    const form = h('form', {
        class: 'edit-form', id: contentId,
        onsubmit: (e) => {
            e.preventDefault();
            const content = form.elements.content.value.trim();
            const memoryType = form.elements.memory_type.value;
            if (!content) {
                form.elements.content.focus();
                return;
            }
            if (content === m.content && memoryType === m.memory_type) state.edits.delete(id);
            else state.edits.set(id, { content, memory_type: memoryType });
            // An edit is a confirmation of the edited memory (the API saves edits as confirmed).
            if (state.edits.has(id)) state.decisions.set(id, 'approve');
            close('edit');
        },
        onkeydown: (e) => {
            if (e.key === 'Escape') {
                e.preventDefault();
                close('edit');
            }
        },
    },
    h('label', { for: contentField }, 'Content'),
    h('textarea', { id: contentField, name: 'content', rows: 3, required: true }, current.content),
    h('label', { for: typeField }, 'Type'),
    h('select', { id: typeField, name: 'memory_type' },
        MEMORY_TYPES.map((t) => h('option', { value: t, selected: t === current.memory_type }, typeLabel(t)))),
    h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply edit'),
        h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => close('edit') }, 'Cancel')));
    return form;
}
