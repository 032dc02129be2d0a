// Checks run inside the page: every control has a label, every button a name, ids are unique, the page does not
// scroll sideways, text reaches WCAG AA contrast, and keyboard focus is visible on each stop of the tab order.

/** Returns a list of problems (empty when all is well). */
export async function audit(page) {
    const problems = await page.evaluate(() => {
        const found = [];
        const visible = (el) => {
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
        };
        const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;

        for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
            if (!visible(el)) continue;
            const named = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            if (!named) found.push(`${describe(el)} has no label`);
        }
        for (const el of document.querySelectorAll('button, a[href]')) {
            if (!visible(el)) continue;
            if (!(el.textContent.trim() || el.getAttribute('aria-label'))) found.push(`${describe(el)} has no accessible name`);
        }
        const ids = new Map();
        for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
        for (const [id, n] of ids) if (n > 1) found.push(`id "${id}" is used ${n} times`);
        if (document.querySelectorAll('h1').length !== 1) found.push('the page should have one h1');
        if (document.documentElement.scrollWidth > window.innerWidth + 1) {
            found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window)`);
        }

        // Contrast of each visible text run against the first opaque background behind it.
        const rgba = (value) => {
            const m = value.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
            return { r, g, b, a };
        };
        const luminance = ({ r, g, b }) => {
            const lin = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const backgroundOf = (el) => {
            for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0.5) return c;
            }
            return { r: 255, g: 255, b: 255, a: 1 };
        };
        const seen = new Set();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || !el || seen.has(el) || !visible(el)) continue;
            seen.add(el);
            if (el.closest('[disabled], .visually-hidden, option')) continue;
            const s = getComputedStyle(el);
            const fg = rgba(s.color);
            const bg = backgroundOf(el);
            const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            const ratio = (l1 + 0.05) / (l2 + 0.05);
            const size = parseFloat(s.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5)) {
                found.push(`contrast ${ratio.toFixed(2)}:1 for "${node.textContent.trim().slice(0, 30)}" (${describe(el)})`);
            }
        }
        return found;
    });

    // Keyboard: tab through the first stops; each focused element must be visible and show a focus ring.
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    const stops = [];
    for (let i = 0; i < 14; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const s = getComputedStyle(el);
            const r = el.getBoundingClientRect();
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
            return { name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}"`, ring, shown: r.width > 0 && r.height > 0 };
        });
        if (!stop) break;
        stops.push(stop);
        if (!stop.ring) problems.push(`no visible focus on ${stop.name}`);
        if (!stop.shown) problems.push(`focus on an invisible element ${stop.name}`);
    }
    if (!stops.length) problems.push('Tab reaches nothing');
    await page.evaluate(() => document.activeElement?.blur());
    return problems;
}
