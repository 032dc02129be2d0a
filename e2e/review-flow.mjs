// End-to-end test of the review page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// dev login as a fresh user → paste the design example → extract → wait for the cards → edit the task →
// approve all → save → search "market research" finds the edited task. Runs at 1280 px and 390 px widths, takes a
// screenshot of each step, and checks labels, keyboard focus, contrast and horizontal overflow on the way. Progress
// arrives over this server's socket at 1280 px, and at 390 px over a stand-in of the stack's WebSocket API (socket-api.mjs).
//
//   ENGRAM_URL=http://localhost:8080/ E2E_OUT=../target/e2e node review-flow.mjs

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { audit } from './audit.mjs';
import { playWebSocketApi } from './socket-api.mjs';

const BASE = process.env.ENGRAM_URL || 'http://localhost:8080/';
const OUT = resolve(process.env.E2E_OUT || '../target/e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 120000);

// The flags that work on a closed network, as root, without a GPU (see the machine notes in the README).
const FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const MEETING_NOTES = 'Meeting notes - Jan 15, 2024\n'
    + 'Revenue up 15% compared to last quarter. Decided to expand to European market in Q2. '
    + 'John will lead the expansion. Action item: Sarah to prepare market research by Feb 1.';
const EDITED_TASK = 'Sarah to prepare the European market research report by Feb 1.';

const VIEWPORTS = [
    { name: 'desktop', width: 1280, height: 900, admin: false },
    { name: 'mobile', width: 390, height: 844, admin: true },
];

function check(condition, message) {
    if (!condition) throw new Error(message);
}

async function run(viewport) {
    const profile = await mkdtemp(join(tmpdir(), 'engram-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: viewport.width, height: viewport.height },
        timeout: 60000,
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(30000);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Progress must arrive over the WebSocket: count the progress polls and the socket's frames.
    let progressPolls = 0;
    const socketFrames = [];
    page.on('request', (r) => { if (/\/extract\/[^/]+\/progress$/.test(new URL(r.url()).pathname)) progressPolls += 1; });
    page.on('websocket', (ws) => {
        if (!/\/extract\/[^/]+\/ws$/.test(new URL(ws.url()).pathname)) return;
        ws.on('framereceived', (f) => socketFrames.push(String(f.payload)));
    });
    // The mobile run follows progress as on AWS: over the stack's WebSocket API with the subscribe protocol.
    const webSocketApi = viewport.name === 'mobile' ? await playWebSocketApi(page, BASE) : null;
    let step = 0;
    const shot = async (name) => {
        step += 1;
        const file = join(OUT, `${viewport.name}-${String(step).padStart(2, '0')}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  ${viewport.name}: ${name} → ${file}`);
    };
    const problems = [];
    const auditHere = async (where) => {
        for (const p of await audit(page)) problems.push(`${where}: ${p}`);
    };

    try {
        // 1. Sign-in page, with the dev login the local build offers.
        await page.goto(BASE);
        await page.locator('#dev-login-form').waitFor({ state: 'visible' });
        await shot('sign-in');
        await auditHere('sign-in');

        // 2. Dev login as a fresh user, by keyboard: type the name, Enter submits.
        const user = `e2e-${viewport.name}-${Date.now().toString(36)}`;
        await page.locator('#dev-user').fill(user);
        if (viewport.admin) await page.locator('#dev-admin').check();
        await page.locator('#dev-user').press('Enter');
        await page.locator('#app').waitFor({ state: 'visible' });
        check((await page.locator('#who-name').textContent()) === user, 'the header names the signed-in user');
        await shot('signed-in');

        // 3. Paste the example.
        await page.locator('#text-input').fill(MEETING_NOTES);
        await shot('pasted');

        // 4. "Extract Memories" by keyboard (Space on the focused button); the progress bar appears.
        await page.locator('#extract-button').focus();
        await page.keyboard.press('Space');
        await page.locator('#progress').waitFor({ state: 'visible' });
        await shot('progress');

        // 5. The three cards of the example.
        await page.locator('#cards > li').nth(2).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        check(await page.locator('#cards > li').count() === 3, 'three memories extracted');
        const progressText = await page.locator('#progress-text').textContent();
        check(/Done · chunk 1 of 1 · 100%/.test(progressText), `progress reads done: "${progressText}"`);
        const frames = webSocketApi ? webSocketApi.frames : socketFrames;
        check(frames.some((f) => JSON.parse(f).state === 'completed'),
            `the final state arrived over the progress WebSocket (${frames.length} frames)`);
        if (webSocketApi) {
            check(webSocketApi.connections.length === 1 && webSocketApi.connections[0].scheme === 'bearer'
                && webSocketApi.connections[0].token, 'one WebSocket API connection, its token as "bearer, <token>"');
            check(webSocketApi.subscribes.length === 1 && webSocketApi.subscribes[0].action === 'subscribe'
                && /^tsk_/.test(webSocketApi.subscribes[0].task_id), 'the page subscribed once to its task');
            check(socketFrames.length === 0, 'nothing went to this server\'s own socket');
        }
        check(progressPolls === 0, `no progress polling while the socket was open (${progressPolls} polls)`);
        const task = page.locator('#cards > li.type-task');
        check(await task.count() === 1, 'one task card');
        check((await task.locator('.meta').textContent()).includes('Sarah'), 'the task names its assignee');
        check(await task.locator('.meta time[datetime="2024-02-01"]').count() === 1, 'the task carries its due date');
        check((await task.locator('.context').textContent()).includes('Meeting notes'),
            'the task shows where it stands in the notes (its heading)');
        for (const type of ['insight', 'decision']) {
            check(await page.locator(`#cards > li.type-${type}`).count() === 1, `one ${type} card`);
        }
        await shot('cards');
        await auditHere('cards');

        // 6. Edit the task's content: Edit opens a form with the content focused; Apply edit saves the change.
        await task.getByRole('button', { name: 'Edit' }).click();
        const content = task.getByLabel('Content');
        check(await content.evaluate((el) => el === document.activeElement), 'the edit form takes the focus');
        await content.fill(EDITED_TASK);
        await shot('editing');
        await task.getByRole('button', { name: 'Apply edit' }).click();
        check((await task.locator('.content').textContent()) === EDITED_TASK, 'the card shows the edited content');
        check(await task.getByRole('button', { name: 'Edit' }).evaluate((el) => el === document.activeElement),
            'the focus returns to the Edit button');
        await shot('edited');

        // 7. Approve all, by keyboard (Enter on the focused button).
        await page.locator('#approve-all').focus();
        await page.keyboard.press('Enter');
        check(await page.locator('#cards > li.is-approved').count() === 3, 'all three approved');
        check(await page.locator('#save-review').isEnabled(), 'Save is enabled once something is decided');
        await shot('approved');

        // 8. Save (the confirm call); every card then reads Saved.
        await page.locator('#save-review').click();
        await page.locator('#notice', { hasText: 'Saved 3 memories' }).waitFor();
        await page.locator('#cards > li.is-confirmed').nth(2).waitFor();
        check((await task.locator('.content').textContent()) === EDITED_TASK, 'the saved task keeps the edit');
        check(await page.locator('#review-toolbar').isHidden(), 'nothing is left to review');
        await shot('saved');

        // 9. Search "market research" finds the edited task.
        await page.locator('#search-input').fill('market research');
        await page.locator('#search-input').press('Enter');
        const hit = page.locator('#search-results > li.type-task', { hasText: EDITED_TASK });
        await hit.waitFor();
        check((await hit.locator('.score').textContent()).startsWith('Score '), 'the result shows its score');
        await hit.scrollIntoViewIfNeeded();
        await shot('search');
        await auditHere('search');

        // 10. The jobs list shows the finished job.
        const job = page.locator('#jobs-list > li.state-completed').first();
        await job.waitFor();
        await job.scrollIntoViewIfNeeded();
        await shot('jobs');

        if (viewport.admin) {
            // 11. Admins see the dead-letter view; without the admin API it says so instead of failing.
            await page.locator('#dlq').waitFor({ state: 'visible' });
            // Loaded when the status no longer says "Loading" (it is empty when queues are listed).
            await page.waitForFunction(() => !document.querySelector('#dlq-status')?.textContent.includes('Loading'));
            check(await page.locator('#alert').isHidden(), 'the dead-letter view fails gracefully');
            await page.locator('#dlq').scrollIntoViewIfNeeded();
            await shot('dead-letters');
        }

        check(!pageErrors.length, `no script errors: ${pageErrors.join('; ')}`);
        check(!problems.length, `accessibility and layout checks:\n    ${problems.join('\n    ')}`);
    } catch (e) {
        await page.screenshot({ path: join(OUT, `${viewport.name}-failure.png`), fullPage: true }).catch(() => {});
        throw e;
    } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
    }
}

await mkdir(OUT, { recursive: true });
console.log(`e2e: ${BASE} with ${CHROMIUM}; screenshots in ${OUT}`);
let failed = false;
for (const viewport of VIEWPORTS) {
    try {
        await run(viewport);
        console.log(`e2e ${viewport.name} (${viewport.width} px): passed`);
    } catch (e) {
        failed = true;
        console.error(`e2e ${viewport.name} (${viewport.width} px): FAILED: ${e.message}`);
    }
}
process.exit(failed ? 1 : 0);
