// The page's two message areas: a polite status line and an alert for failures.

import { $ } from './dom.js';

let clearTimer;

/** A short confirmation, announced politely. */
export function notify(message) {
    const el = $('#notice');
    el.textContent = message;
    clearTimeout(clearTimer);
    clearTimer = setTimeout(() => { el.textContent = ''; }, 10000);
}

/** A failure, announced at once; an ApiError's field errors are listed. */
export function fail(error, context) {
    const el = $('#alert');
    const detail = error?.errors?.length ? error.errors.join('; ') : (error?.message || String(error));
    el.textContent = context ? `${context}: ${detail}` : detail;
    el.hidden = false;
}

export function clearFailure() {
    const el = $('#alert');
    el.textContent = '';
    el.hidden = true;
}
