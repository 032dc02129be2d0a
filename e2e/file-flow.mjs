// End-to-end test of a file through the review page in headless Chromium: real minutes of a public project
// (SPDX technical team, 2023-04-25, CC BY 3.0, see src/eval/data/minutes/spdx/SOURCE.md) chosen in the file input →
// several chunks with live progress → the cards it proposes → one rejected, the rest approved → saved; then a file
// that claims to be a PDF and is not → the page says the job failed and why, and the jobs list shows it failed.
//
//   ENGRAM_URL=http://localhost:8080/ E2E_OUT=../target/e2e node file-flow.mjs

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.ENGRAM_URL || 'http://localhost:8080/';
const OUT = resolve(process.env.E2E_OUT || '../target/e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180000);
const MINUTES = resolve(HERE, '../src/eval/data/minutes/spdx/tech-2023-04-25.md');
const FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function check(condition, message) {
    if (!condition) throw new Error(message);
}

const profile = await mkdtemp(join(tmpdir(), 'engram-e2e-file-'));
await mkdir(OUT, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, timeout: 60000,
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(30000);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
const progressSeen = new Set();
page.on('websocket', (ws) => ws.on('framereceived', (f) => {
    try {
        const p = JSON.parse(String(f.payload));
        if (p.total_chunks) progressSeen.add(`${p.chunk ?? 0}/${p.total_chunks}`);
    } catch { /* not a progress frame */ }
}));
const shot = (name) => page.screenshot({ path: join(OUT, `file-${name}.png`), fullPage: true });
let failed = false;
try {
    await page.goto(BASE);
    await page.locator('#dev-login-form').waitFor({ state: 'visible' });
    await page.locator('#dev-user').fill(`e2e-file-${Date.now().toString(36)}`);
    await page.locator('#dev-user').press('Enter');
    await page.locator('#app').waitFor({ state: 'visible' });

    // 1. Real minutes, several chunks long, through the file input.
    await page.locator('#file-input').setInputFiles(MINUTES);
    check((await page.locator('#file-name').textContent()).includes('tech-2023-04-25.md'), 'the chosen file is named');
    await page.locator('#extract-button').click();
    await page.locator('#cards > li').first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    const progressText = await page.locator('#progress-text').textContent();
    const total = Number((/chunk (\d+) of (\d+)/.exec(progressText) || [])[2]);
    check(total >= 2, `the minutes were split into several chunks: "${progressText}"`);
    check(/Done · chunk (\d+) of \1 · 100%/.test(progressText), `progress reads done: "${progressText}"`);
    check(progressSeen.size >= 1, 'progress arrived over the WebSocket');
    const cards = await page.locator('#cards > li').count();
    check(cards >= 2, `the minutes yield several memories (${cards})`);
    check(await page.locator('#cards > li .context').count() >= 1, 'memories show where they stand in the notes');
    await shot('cards');

    // 2. Approve all, then reject the first card, save: the notice counts both.
    await page.locator('#approve-all').click();
    const first = page.locator('#cards > li').first();
    await first.getByRole('button', { name: 'Reject' }).click();
    await page.locator('#save-review').click();
    await page.locator('#notice', { hasText: `Saved ${cards - 1} ${cards - 1 === 1 ? 'memory' : 'memories'}, rejected 1` })
        .waitFor({ timeout: TIMEOUT_MS });
    check(await page.locator('#review-toolbar').isHidden(), 'nothing is left to review');
    await shot('saved');

    // 3. A text file named .pdf: the job fails with its reason, shown on the page and in the jobs list.
    const fake = join(profile, 'not-really.pdf');
    await writeFile(fake, '%PDF-1.7\nthis is not a PDF body at all\n');
    await page.locator('#file-input').setInputFiles(fake);
    await page.locator('#extract-button').click();
    const alert = page.locator('#alert');
    await alert.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    const reason = await alert.textContent();
    check(/fail|not|unreadable|broken|cannot|could not/i.test(reason), `the page says why the job failed: "${reason}"`);
    await page.locator('#jobs-list > li.state-failed').first().waitFor({ timeout: TIMEOUT_MS });
    await shot('failed');

    check(!pageErrors.length, `no script errors: ${pageErrors.join('; ')}`);
    console.log(`e2e file flow: passed (${cards} memories from ${total} chunks; failed upload: "${reason}")`);
} catch (e) {
    failed = true;
    await shot('failure').catch(() => {});
    console.error(`e2e file flow: FAILED: ${e.message}`);
} finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
