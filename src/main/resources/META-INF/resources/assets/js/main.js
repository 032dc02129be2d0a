// The review page: sign in, extract, follow progress, review, search; admins also see the dead-letter queues.

import { onUnauthorized } from './api.js';
import { devLogin, devLoginAvailable, restore, signIn, signOut } from './auth.js';
import { $, $$ } from './dom.js';
import { refreshDlq, setUpDlq } from './dlq.js';
import { resetExtractForm, setUpExtractForm } from './extract.js';
import { clearJobs, refreshJobs, setUpJobs } from './jobs.js';
import { clearFailure, fail, notify } from './notices.js';
import { reset as resetProgress, track } from './progress.js';
import { clearReview, loadExtraction, setUpReview, show as showExtraction } from './review.js';
import { clearSearch, setUpSearch } from './search.js';

function onError(error, context) {
    fail(error, context);
}

function enter(session) {
    clearFailure();
    $('#sign-in').hidden = true;
    $('#app').hidden = false;
    $('#section-nav').hidden = false;
    $('#who').hidden = false;
    $('#who-name').textContent = session.user;
    $('#who-admin').hidden = !session.admin;
    for (const el of $$('[data-admin-only]')) el.hidden = !session.admin;
    refreshJobs();
    if (session.admin) refreshDlq();
}

async function leave(message) {
    signOut();
    resetProgress();
    clearReview();
    clearJobs();
    clearSearch();
    resetExtractForm();
    $('#app').hidden = true;
    $('#section-nav').hidden = true;
    $('#who').hidden = true;
    $('#sign-in').hidden = false;
    $('#token-input').value = '';
    if (message) fail(new Error(message));
    $('#dev-login-form').hidden = !(await devLoginAvailable());
}

/** Follows a job to its end, then shows its extraction for review. */
async function follow(taskId, extractionId) {
    try {
        const last = await track(taskId);
        refreshJobs();
        if (last.state === 'failed') {
            fail(new Error(last.error || 'no reason given'), 'Extraction failed');
            return;
        }
        await loadExtraction(extractionId);
        const n = last.result?.memories_extracted ?? 0;
        notify(`${n} ${n === 1 ? 'memory' : 'memories'} extracted. Review them below.`);
    } catch (e) {
        if (e.status !== 401) onError(e, 'Following the job failed');
    }
}

function setUp() {
    onUnauthorized(() => leave('Your session ended: the token expired or is no longer accepted. Sign in again.'));

    $('#token-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        clearFailure();
        const token = $('#token-input').value.trim();
        if (!token) {
            $('#token-input').focus();
            return fail(new Error('Paste a token first.'));
        }
        try {
            enter(await signIn(token));
            $('#main').focus();
        } catch (err) {
            fail(err, 'Sign-in failed');
        }
    });

    $('#dev-login-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        clearFailure();
        const user = $('#dev-user');
        if (!user.checkValidity()) {
            user.focus();
            return fail(new Error('User name: 1 to 64 letters, digits and . _ @ + -'));
        }
        try {
            enter(await devLogin(user.value, $('#dev-admin').checked ? ['admin'] : []));
            $('#main').focus();
        } catch (err) {
            fail(err, 'Dev login failed');
        }
    });

    $('#sign-out').addEventListener('click', () => leave());

    setUpExtractForm({
        onSubmitted: (answer, fileName) => {
            clearFailure();
            clearReview();
            if (answer.extracted_memories && answer.status !== 'processing') {
                showExtraction(answer);
                refreshJobs();
                notify(`${answer.extracted_memories.length} memories extracted.`);
                return;
            }
            notify(fileName ? `${fileName} uploaded; extracting.` : 'Extracting…');
            refreshJobs();
            follow(answer.task_id, answer.extraction_id);
        },
        onError: (e) => fail(e, 'Extraction was not started'),
    });

    setUpReview({
        onSaved: (answer) => {
            const rejected = answer.rejected_count ?? 0;
            notify(`Saved ${answer.saved_count} ${answer.saved_count === 1 ? 'memory' : 'memories'}`
                + `${rejected ? `, rejected ${rejected}` : ''}.`);
            refreshJobs();
        },
        onError,
    });

    setUpJobs({
        onOpen: (job) => {
            clearFailure();
            $('#review').scrollIntoView({ block: 'start' });
            if (['pending', 'processing'].includes(job.state)) follow(job.task_id, job.extraction_id);
            else loadExtraction(job.extraction_id).then(() => $('#review-title').focus?.()).catch((e) => onError(e, 'Loading the extraction failed'));
        },
        onRetried: (answer) => {
            clearReview();
            notify('Retrying the job.');
            follow(answer.task_id, answer.extraction_id);
        },
        onError,
    });

    setUpSearch({ onError });
    setUpDlq({ onError, notify });

    const session = restore();
    if (session) enter(session);
    else leave();
}

setUp();
