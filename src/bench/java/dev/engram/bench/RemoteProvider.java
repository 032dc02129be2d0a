package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote OpenAI-compatible provider for the remote run, on the JDK's HTTP server with a virtual thread per request:
 * {@code POST /v1/chat/completions} answers after a set latency (with jitter) with an extraction derived from the
 * chunk's own sentences (decisions, tasks, insights, contacts, a topic), and {@code POST /v1/embeddings} after a fixed
 * latency per request with deterministic unit vectors of the requested dimension. A requests-per-minute quota on chat
 * (a token bucket refilled continuously, one second of burst) answers 429 with the headers OpenAI sends
 * ({@code retry-after}, {@code retry-after-ms}, {@code x-ratelimit-*}) once it is spent; every answer carries the
 * {@code x-ratelimit-*} headers. Conversation-summary and profile-insight prompts get a valid empty answer and are
 * counted, so a run shows whether any were sent.
 */
final class RemoteProvider implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first words of the extraction prompt's system message. */
    private static final String EXTRACTION_PROMPT = "You extract memories";
    private static final String SUMMARY_PROMPT = "running summary of a conversation";
    private static final String INSIGHT_PROMPT = "learn a person's profile";
    /** Tokens/min the provider reports: far above what a run asks, only the request quota ever binds. */
    private static final long TOKENS_PER_MINUTE = 150_000_000L;
    private static final int MAX_MEMORIES = 8;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int chatMillis;
    private final int chatJitterMillis;
    private final int embedMillis;
    private final ConcurrentLinkedQueue<Long> chatSuccesses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger chatOk = new AtomicInteger();
    private final AtomicInteger chatThrottled = new AtomicInteger();
    private final AtomicInteger otherPrompts = new AtomicInteger();
    private final AtomicInteger embedRequests = new AtomicInteger();
    private final AtomicLong embedTexts = new AtomicLong();
    private final AtomicLong memoriesAnswered = new AtomicLong();
    private volatile Quota quota;

    private RemoteProvider(int port, int chatMillis, int chatJitterMillis, int embedMillis) throws IOException {
        this.chatMillis = chatMillis;
        this.chatJitterMillis = chatJitterMillis;
        this.embedMillis = embedMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, this::chat));
        server.createContext("/v1/embeddings", exchange -> answer(exchange, this::embeddings));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts on {@code port} (0: any free port). */
    static RemoteProvider start(int port, int chatMillis, int chatJitterMillis, int embedMillis) {
        try {
            return new RemoteProvider(port, chatMillis, chatJitterMillis, embedMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL Engram is given, ending in {@code /v1/}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** Chat requests per minute from now on; 0 lifts the quota. */
    void quota(int requestsPerMinute) {
        quota = requestsPerMinute <= 0 ? null : new Quota(requestsPerMinute);
    }

    /** What the provider answered since it started, as counters. */
    record Counts(int chatOk, int chatThrottled, int otherPrompts, int embedRequests, long embedTexts,
            long memories) {

        Counts minus(Counts before) {
            return new Counts(chatOk - before.chatOk, chatThrottled - before.chatThrottled,
                    otherPrompts - before.otherPrompts, embedRequests - before.embedRequests,
                    embedTexts - before.embedTexts, memories - before.memories);
        }
    }

    Counts counts() {
        return new Counts(chatOk.get(), chatThrottled.get(), otherPrompts.get(), embedRequests.get(),
                embedTexts.get(), memoriesAnswered.get());
    }

    /** When each successful chat answer left ({@link System#nanoTime()}), sorted. */
    List<Long> chatSuccessTimes() {
        List<Long> times = new ArrayList<>(chatSuccesses);
        times.sort(null);
        return times;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        Answer handle(JsonNode request) throws IOException;
    }

    private record Answer(int status, String body, List<String[]> headers) {
    }

    private void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, new Answer(405, error("use POST", "method_not_allowed"), List.of()));
                return;
            }
            send(exchange, handler.handle(JSON.readTree(exchange.getRequestBody())));
        } catch (RuntimeException e) {
            send(exchange, new Answer(500, error(String.valueOf(e.getMessage()), "server_error"), List.of()));
        }
    }

    private Answer chat(JsonNode request) throws IOException {
        List<String[]> headers = new ArrayList<>();
        Quota q = quota;
        if (q != null) {
            long waitMillis = q.take(headers);
            if (waitMillis > 0) {
                chatThrottled.incrementAndGet();
                headers.add(new String[] {"retry-after", Long.toString((waitMillis + 999) / 1000)});
                headers.add(new String[] {"retry-after-ms", Long.toString(waitMillis)});
                return new Answer(429, error("Rate limit reached for requests per min (RPM): Limit "
                        + q.perMinute + ". Please try again in " + waitMillis + "ms.", "rate_limit_exceeded"),
                        headers);
            }
        } else {
            headers.add(new String[] {"x-ratelimit-limit-requests", "1000000"});
            headers.add(new String[] {"x-ratelimit-remaining-requests", "999999"});
            headers.add(new String[] {"x-ratelimit-reset-requests", "1ms"});
        }
        headers.add(new String[] {"x-ratelimit-limit-tokens", Long.toString(TOKENS_PER_MINUTE)});
        headers.add(new String[] {"x-ratelimit-remaining-tokens", Long.toString(TOKENS_PER_MINUTE - 1000)});
        headers.add(new String[] {"x-ratelimit-reset-tokens", "0s"});
        pause(chatMillis + (chatJitterMillis == 0 ? 0
                : ThreadLocalRandom.current().nextInt(-chatJitterMillis, chatJitterMillis + 1)));
        JsonNode messages = request.path("messages");
        String system = messages.path(0).path("content").asText("");
        String user = messages.path(messages.size() - 1).path("content").asText("");
        String content;
        if (system.contains(EXTRACTION_PROMPT)) {
            ObjectNode answer = ExtractionAnswers.answer(chunkText(user));
            memoriesAnswered.addAndGet(answer.path("memories").size());
            content = JSON.writeValueAsString(answer);
        } else if (system.contains(SUMMARY_PROMPT)) {
            otherPrompts.incrementAndGet();
            content = "{\"summary\":\"A conversation.\",\"title\":\"Conversation\",\"decisions\":[],\"topics\":[],"
                    + "\"questions\":[]}";
        } else if (system.contains(INSIGHT_PROMPT)) {
            otherPrompts.incrementAndGet();
            content = "{\"insights\":[]}";
        } else {
            otherPrompts.incrementAndGet();
            content = "{}";
        }
        chatSuccesses.add(System.nanoTime());
        chatOk.incrementAndGet();
        ObjectNode out = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", request.path("model").asText());
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        int promptTokens = (system.length() + user.length()) / 4;
        int completionTokens = content.length() / 4;
        out.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return new Answer(200, JSON.writeValueAsString(out), headers);
    }

    private Answer embeddings(JsonNode request) {
        embedRequests.incrementAndGet();
        pause(embedMillis);
        int dimensions = request.path("dimensions").asInt(384);
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(t -> texts.add(t.asText()));
        } else {
            texts.add(input.asText());
        }
        embedTexts.addAndGet(texts.size());
        StringBuilder sb = new StringBuilder(texts.size() * dimensions * 12 + 256);
        sb.append("{\"object\":\"list\",\"model\":").append(request.path("model").toString()).append(",\"data\":[");
        for (int i = 0; i < texts.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":[");
            float[] v = unitVector(texts.get(i), dimensions);
            for (int d = 0; d < v.length; d++) {
                sb.append(d == 0 ? "" : ",").append(v[d]);
            }
            sb.append("]}");
        }
        sb.append("],\"usage\":{\"prompt_tokens\":").append(texts.size() * 16).append(",\"total_tokens\":")
                .append(texts.size() * 16).append("}}");
        return new Answer(200, sb.toString(), List.of());
    }

    /** The same text always gets the same vector; different texts get nearly orthogonal ones. */
    static float[] unitVector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L);
        float[] v = new float[dimensions];
        double sum = 0;
        for (int d = 0; d < dimensions; d++) {
            v[d] = (float) (random.nextDouble() * 2 - 1);
            sum += v[d] * v[d];
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int d = 0; d < dimensions; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** The chunk as the extraction prompt quotes it, between the lines {@code ---}. */
    static String chunkText(String userMessage) {
        int from = userMessage.indexOf("---\n");
        int to = userMessage.lastIndexOf("\n---");
        return from >= 0 && to > from ? userMessage.substring(from + 4, to) : userMessage;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        for (String[] h : answer.headers()) {
            exchange.getResponseHeaders().add(h[0], h[1]);
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String error(String message, String code) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("message", message).put("type", "requests").put("code", code);
        return out.toString();
    }

    private static void pause(long millis) {
        if (millis > 0) {
            Bench.sleep(millis);
        }
    }

    /** A requests-per-minute quota: continuous refill, one second's worth of burst. */
    private static final class Quota {
        private final int perMinute;
        private final double perMilli;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        Quota(int perMinute) {
            this.perMinute = perMinute;
            this.perMilli = perMinute / 60_000.0;
            this.capacity = Math.max(1, perMinute / 60.0);
            this.tokens = capacity;
        }

        /** Takes a request's token and adds the quota headers; returns 0, or the ms until a token is there. */
        synchronized long take(List<String[]> headers) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e6 * perMilli);
            last = now;
            long wait = 0;
            if (tokens >= 1) {
                tokens -= 1;
            } else {
                wait = Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
            }
            long resetMillis = (long) Math.ceil((capacity - tokens) / perMilli);
            headers.add(new String[] {"x-ratelimit-limit-requests", Integer.toString(perMinute)});
            headers.add(new String[] {"x-ratelimit-remaining-requests", Long.toString((long) Math.floor(tokens))});
            headers.add(new String[] {"x-ratelimit-reset-requests", String.format(Locale.ROOT, "%dms",
                    Math.max(1, resetMillis))});
            return wait;
        }
    }
}
