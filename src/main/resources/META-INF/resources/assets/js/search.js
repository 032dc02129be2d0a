// Search over saved memories (hybrid: meaning and words), or the newest ones when the query is empty.

import { api } from './api.js';
import { $, h, metadataList, tagList, timeOf } from './dom.js';
import { MEMORY_TYPES, typeLabel } from './types.js';

let nextCursor = null;
let onError = () => {};

export function setUpSearch(handlers) {
    onError = handlers.onError;
    $('#search-type').append(h('option', { value: '' }, 'All types'),
        ...MEMORY_TYPES.map((t) => h('option', { value: t }, typeLabel(t))));
    $('#search-form').addEventListener('submit', (e) => {
        e.preventDefault();
        run();
    });
    $('#search-more').addEventListener('click', () => run({ more: true }));
}

async function run({ more = false } = {}) {
    const query = $('#search-input').value.trim();
    const type = $('#search-type').value;
    const summary = $('#search-summary');
    const list = $('#search-results');
    try {
        if (query) {
            const answer = await api('api/v1/memories/search', {
                method: 'POST', json: { query, k: 20, memory_types: type ? [type] : undefined },
            });
            list.replaceChildren(...answer.results.map((r) => result(r.memory, r)));
            nextCursor = null;
            summary.textContent = `${answer.results.length} ${answer.results.length === 1 ? 'result' : 'results'} for “${query}”, best first.`;
        } else {
            const page = await api('api/v1/memories', { query: { type, limit: 20, cursor: more ? nextCursor : undefined } });
            const items = page.memories.map((m) => result(m));
            if (more) list.append(...items);
            else list.replaceChildren(...items);
            nextCursor = page.next_cursor;
            summary.textContent = `${list.children.length} saved ${list.children.length === 1 ? 'memory' : 'memories'}, newest first.`;
        }
        $('#search-more').hidden = !nextCursor;
    } catch (e) {
        onError(e, 'Search failed');
    }
}

export function clearSearch() {
    nextCursor = null;
    $('#search-form').reset();
    $('#search-results').replaceChildren();
    $('#search-summary').textContent = '';
    $('#search-more').hidden = true;
}

function result(memory, hit) {
    const scores = hit ? h('span', { class: 'score' }, `Score ${hit.score.toFixed(3)}`,
        hit.vector_score != null ? ` · meaning ${hit.vector_score.toFixed(2)}` : '',
        hit.text_score != null ? ` · words ${hit.text_score.toFixed(2)}` : '') : null;
    return h('li', { class: `result type-${memory.memory_type}` },
        h('div', { class: 'card-head' },
            h('span', { class: `badge type-badge type-${memory.memory_type}` }, typeLabel(memory.memory_type)),
            scores,
            memory.created_at ? h('span', { class: 'job-time' }, timeOf(memory.created_at)) : null),
        h('p', { class: 'content' }, memory.content),
        metadataList(memory.metadata),
        tagList(memory.tags));
}
