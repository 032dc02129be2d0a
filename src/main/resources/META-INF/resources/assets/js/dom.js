// Small DOM helpers: build elements without innerHTML, so API text is never parsed as markup.

/** Creates an element: h('p', {class: 'x', onclick: fn}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith('on') && typeof value === 'function') {
            el.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (value === true) {
            el.setAttribute(name, '');
        } else {
            el.setAttribute(name, String(value));
        }
    }
    el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
    return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

let ids = 0;
/** A document-unique id with a readable prefix. */
export const uid = (prefix) => `${prefix}-${++ids}`;

/** "due_date" → "Due date". */
export function humanize(key) {
    const words = String(key).replace(/[_-]+/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> for an ISO date or instant; anything else as plain text. */
export function timeOf(value) {
    if (typeof value !== 'string') return String(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return h('time', { datetime: value }, dateFormat.format(new Date(`${value}T00:00:00Z`)));
    }
    const instant = Date.parse(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(instant)) {
        return h('time', { datetime: value }, dateTimeFormat.format(new Date(instant)));
    }
    return value;
}

/** A metadata value as text or <time>: arrays joined, objects as key: value pairs. */
export function valueOf(value) {
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
    if (value && typeof value === 'object') {
        return Object.entries(value).map(([k, v]) => `${humanize(k)}: ${v}`).join('; ');
    }
    return timeOf(value);
}

/** A definition list of metadata, or nothing when there is none. */
export function metadataList(metadata) {
    const entries = Object.entries(metadata || {}).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && !v.length));
    if (!entries.length) return null;
    return h('dl', { class: 'meta' },
        entries.map(([k, v]) => h('div', {}, h('dt', {}, humanize(k)), h('dd', {}, valueOf(v)))));
}

/** A list of tags, or nothing. */
export function tagList(tags, label = 'Tags') {
    if (!tags || !tags.length) return null;
    return h('ul', { class: 'tags', 'aria-label': label }, tags.map((t) => h('li', {}, `#${t}`)));
}
