package dev.engram.progress;

/**
 * What the progress WebSocket API sends instead of progress: API Gateway cannot close a connection with a code of its
 * own, so the message carries the close code the local socket would use ({@code 4401}, {@code 4404}, {@code 4400}).
 *
 * @param error   unauthorized | not_found | bad_request
 * @param code    the matching close code of the local socket
 * @param message what happened, for people
 */
record SocketError(String error, int code, String message) {

    static SocketError notFound(String taskId) {
        return new SocketError("not_found", 4404, "task " + taskId + " not found");
    }

    static SocketError expired() {
        return new SocketError("unauthorized", 4401, "token expired");
    }

    static SocketError badRequest(String message) {
        return new SocketError("bad_request", 4400, message);
    }
}
