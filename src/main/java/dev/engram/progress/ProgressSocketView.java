package dev.engram.progress;

/**
 * How to follow a task's progress live.
 *
 * @param protocol {@code path}: open {@code …/extract/{task_id}/ws} on this server, which pushes that task's progress;
 *                 {@code subscribe}: open {@code url} and send {@code {"action":"subscribe","task_id":"…"}}
 * @param url      the WebSocket API's {@code wss://} URL for {@code subscribe}; null for {@code path}
 */
record ProgressSocketView(String protocol, String url) {

    static final ProgressSocketView PATH = new ProgressSocketView("path", null);

    static ProgressSocketView subscribe(String url) {
        return new ProgressSocketView("subscribe", url);
    }
}
