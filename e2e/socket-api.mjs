// Plays the stack's API Gateway WebSocket API for the review page, inside the browser session: GET
// api/v1/progress/socket answers protocol "subscribe" with a wss:// URL, and a routed WebSocket at that URL expects the
// subprotocols "bearer, <token>" and {"action":"subscribe","task_id":…}, then sends what the stack's pusher would: the
// task's progress now, each change, the final state last, then the close (an unknown task: the not_found error). It
// reads progress from this server as the pusher reads the job table; those reads are not the page's.

const URL_OF_API = 'wss://progress.engram.test/live';
const FINISHED = new Set(['completed', 'completed_with_errors', 'failed']);

export async function playWebSocketApi(page, base) {
    const seen = { connections: [], subscribes: [], frames: [] };
    await page.route('**/api/v1/progress/socket', (route) => route.fulfill({
        json: { protocol: 'subscribe', url: URL_OF_API },
    }));
    await page.routeWebSocket(URL_OF_API, (ws) => {
        const [scheme, token] = ws.protocols();
        seen.connections.push({ scheme, token: Boolean(token) });
        const send = (text) => {
            seen.frames.push(text);
            ws.send(text);
        };
        ws.onMessage(async (message) => {
            const request = JSON.parse(String(message));
            seen.subscribes.push(request);
            if (request.action !== 'subscribe') {
                send(JSON.stringify({ error: 'bad_request', code: 4400, message: `unknown action ${request.action}` }));
                return;
            }
            let last = '';
            for (;;) {
                const url = new URL(`api/v1/memories/extract/${encodeURIComponent(request.task_id)}/progress`, base);
                const answer = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
                if (answer.status === 404) {
                    send(JSON.stringify({ error: 'not_found', code: 4404, message: `task ${request.task_id} not found` }));
                    return;
                }
                const progress = await answer.text();
                if (progress !== last) send(progress);
                last = progress;
                if (FINISHED.has(JSON.parse(progress).state)) {
                    ws.close();
                    return;
                }
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
        });
    });
    return seen;
}
