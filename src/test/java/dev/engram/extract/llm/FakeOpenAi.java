package dev.engram.extract.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible server for tests and the rate benchmark: {@code /v1/chat/completions} and
 * {@code /v1/embeddings}. A chunk steers its own answers with a script marker such as {@code [[k1:429,500,ok]]}: the
 * n-th request carrying key {@code k1} gets the n-th step, the last step repeats. Steps: {@code ok}, {@code 429},
 * {@code 500}, {@code 401}, {@code 400}, {@code slow} (answers after {@link #slowMillis}), {@code malformed} (content is
 * not JSON), {@code empty} (empty content), {@code badtype}, {@code baddate}, and for conversation summaries
 * {@code nosummary} (an answer without its summary until a request names the problem); profile-insight requests get {@code ok} answers.
 * Graph requests are answered before any script: a passage with the word {@code graphbad} gets an answer without its
 * lists until a request names the problem. Without a marker the server answers
 * {@code ok}, unless it is {@link #outage(boolean) down}, its token-bucket {@link #quota(int, int) quota} is spent, or a
 * {@link #randomFaults(double) random fault} (429, 500, malformed, slow) is drawn for it.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final Pattern SCRIPT = Pattern.compile("\\[\\[(\\w+):([a-z0-9,]+)]]");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A phrase of the conversation-summary prompt's system message, which tells a summary request apart. */
    private static final String SUMMARY_PROMPT = "running summary of a conversation";
    private static final Pattern SUMMARY_LINE = Pattern.compile("\\[seq (\\d+)]\\[USER]: ([^\\n]*)");
    /** A phrase of the insight prompt's system message, which tells an insight request apart. */
    private static final String INSIGHT_PROMPT = "learn a person's profile";
    private static final Pattern INSIGHT_LINE = Pattern.compile("\\[message ([0-9a-f-]{36})]: ([^\\n]*)");
    /** A phrase of the graph prompt's system message, which tells a graph request apart. */
    public static final String GRAPH_PROMPT = "You build a knowledge graph";
    private static final Pattern WORKS_AT = Pattern.compile("(\\p{Lu}\\w+ \\p{Lu}\\w+) works at (\\p{Lu}\\w+)");
    /** The graph judge's prompt: which close names name one thing. */
    public static final String JUDGE_PROMPT = "free of duplicates";
    /**
     * Names with this mark embed close to each other (cosine 0.85, between the graph's suggestion and merge
     * thresholds) but are spelled apart: the pairs a judge settles. The judge finds two such organisations one thing.
     */
    public static final String CLOSE_MARK = "Zynt";
    private static final Pattern JUDGE_LINE = Pattern.compile("(?m)^(\\d+)\\. (\\w+): \"([^\"]*)\" \\| \"([^\"]*)\"$");
    private static final String[] RANDOM_STEPS = {"429", "500", "malformed", "slow"};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> chatBodies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> successTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger chatRequests = new AtomicInteger();
    private final AtomicInteger embeddingRequests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> embeddingBodies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private final Map<String, AtomicInteger> randomFaults = new ConcurrentHashMap<>();
    private volatile double faultRate;
    private volatile boolean down;
    private volatile long slowMillis = 6000;
    private volatile int minLatencyMillis;
    private volatile int maxLatencyMillis;
    private TokenBucket bucket;

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/embeddings", this::embeddings);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeOpenAi start() {
        try {
            return new FakeOpenAi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure, ending in {@code /v1/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** Every chat request answers 500 while down. */
    public FakeOpenAi outage(boolean down) {
        this.down = down;
        return this;
    }

    /** A token bucket of {@code perMinute} requests refilled continuously, holding at most {@code burst}. */
    public synchronized FakeOpenAi quota(int perMinute, int burst) {
        this.bucket = new TokenBucket(perMinute, burst);
        return this;
    }

    /** Each chat answer takes a uniformly random time in the range. */
    public FakeOpenAi latency(int minMillis, int maxMillis) {
        this.minLatencyMillis = minMillis;
        this.maxLatencyMillis = maxMillis;
        return this;
    }

    public FakeOpenAi slowMillis(long millis) {
        this.slowMillis = millis;
        return this;
    }

    /**
     * Answers a share {@code rate} of unscripted chat requests with a fault drawn evenly from 429, 500, malformed
     * content and a slow answer; 0 stops it.
     */
    public FakeOpenAi randomFaults(double rate) {
        this.faultRate = rate;
        return this;
    }

    /** Random faults answered so far, by step ({@code 429}, {@code 500}, {@code malformed}, {@code slow}). */
    public Map<String, Integer> randomFaultsAnswered() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        randomFaults.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests that carried a script key. */
    public int requestsFor(String key) {
        AtomicInteger n = perKey.get(key);
        return n == null ? 0 : n.get();
    }

    public int chatRequests() {
        return chatRequests.get();
    }

    public int embeddingRequests() {
        return embeddingRequests.get();
    }

    /** Embedding requests whose body contains {@code marker} (the first 2,000 requests are kept). */
    public int embeddingRequestsWith(String marker) {
        return (int) embeddingBodies.stream().filter(b -> b.contains(marker)).count();
    }

    public int throttled() {
        return throttled.get();
    }

    /** When each successful chat answer was sent ({@link System#nanoTime()}). */
    public List<Long> successTimes() {
        return List.copyOf(successTimes);
    }

    /** Chat request bodies carrying {@code marker}, in arrival order. */
    public List<String> chatBodiesWith(String marker) {
        return chatBodies.stream().filter(b -> b.contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        chatRequests.incrementAndGet();
        if (chatBodies.size() < 2000) {
            chatBodies.add(body);
        }
        if (body.contains(JUDGE_PROMPT)) {
            ArrayNode same = JSON.createArrayNode();
            Matcher line = JUDGE_LINE.matcher(JSON.readTree(body).path("messages").get(1).path("content").asText());
            while (line.find()) {
                if (line.group(2).equals("organization") && line.group(3).contains(CLOSE_MARK)
                        && line.group(4).contains(CLOSE_MARK)) {
                    same.add(Integer.parseInt(line.group(1)));
                }
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("same", same);
            send(exchange, 200, completion(JSON.writeValueAsString(answer)));
            return;
        }
        if (body.contains(GRAPH_PROMPT)) {
            boolean corrected = body.contains("previous answer was rejected");
            send(exchange, 200, completion(body.contains("graphbad") && !corrected ? "{\"entities\": []}"
                    : graph(passage(body))));
            return;
        }
        String step = "ok";
        Matcher m = SCRIPT.matcher(body);
        if (m.find()) {
            int n = perKey.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
            String[] steps = m.group(2).split(",");
            step = steps[Math.min(n, steps.length) - 1];
        } else if (down) {
            step = "500";
        } else if (faultRate > 0 && ThreadLocalRandom.current().nextDouble() < faultRate) {
            step = RANDOM_STEPS[ThreadLocalRandom.current().nextInt(RANDOM_STEPS.length)];
            randomFaults.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
        }
        TokenBucket quota = bucket;
        if (quota != null) {
            long waitMillis = quota.take();
            if (waitMillis > 0) {
                throttled.incrementAndGet();
                exchange.getResponseHeaders().add("retry-after", Long.toString((waitMillis + 999) / 1000));
                exchange.getResponseHeaders().add("retry-after-ms", Long.toString(waitMillis));
                exchange.getResponseHeaders().add("x-ratelimit-remaining-requests", "0");
                send(exchange, 429, error("Rate limit reached for requests", "requests"));
                return;
            }
        }
        if (maxLatencyMillis > 0) {
            sleep(ThreadLocalRandom.current().nextInt(minLatencyMillis, maxLatencyMillis + 1));
        }
        if (body.contains(INSIGHT_PROMPT) && step.equals("ok")) {
            successTimes.add(System.nanoTime());
            send(exchange, 200, completion(insights(body)));
            return;
        }
        if (body.contains(SUMMARY_PROMPT) && (step.equals("ok") || step.equals("nosummary"))) {
            successTimes.add(System.nanoTime());
            // "nosummary" holds until the request says why the previous answer was rejected: a transport retry of
            // the same request (a timeout on a busy machine) gets the same answer.
            boolean corrected = body.contains("previous answer was rejected");
            send(exchange, 200, completion(summary(body, step.equals("ok") || corrected)));
            return;
        }
        switch (step) {
            case "429" -> {
                throttled.incrementAndGet();
                exchange.getResponseHeaders().add("retry-after", "1");
                exchange.getResponseHeaders().add("retry-after-ms", "700");
                send(exchange, 429, error("Rate limit reached for requests", "requests"));
            }
            case "500" -> send(exchange, 500, error("The server had an error while processing your request", null));
            case "401" -> send(exchange, 401, error("Incorrect API key provided", "invalid_api_key"));
            case "400" -> send(exchange, 400, error("Invalid schema for response_format", "invalid_request_error"));
            case "slow" -> {
                sleep(slowMillis);
                send(exchange, 200, completion(answer(body, "task", "2024-02-01")));
            }
            case "malformed" -> send(exchange, 200, completion("{\"memories\": [ {\"content\": \"unfinished"));
            case "empty" -> send(exchange, 200, completion(""));
            case "badtype" -> send(exchange, 200, completion(answer(body, "gossip", "2024-02-01")));
            case "baddate" -> send(exchange, 200, completion(answer(body, "task", "next Friday")));
            default -> {
                successTimes.add(System.nanoTime());
                send(exchange, 200, completion(answer(body, "task", "2024-02-01")));
            }
        }
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        embeddingRequests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (embeddingBodies.size() < 2000) {
            embeddingBodies.add(body);
        }
        JsonNode request = JSON.readTree(body);
        int dims = request.path("dimensions").asInt(8);
        ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", request.path("model").asText());
        ArrayNode data = out.putArray("data");
        int i = 0;
        for (JsonNode input : request.path("input")) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i++);
            ArrayNode vector = item.putArray("embedding");
            if (input.asText().contains(CLOSE_MARK)) {
                // (1, ±0.285, 0, ...): two marked names of different halves meet at a cosine of 0.85.
                vector.add(1.0).add(input.asText().toLowerCase(java.util.Locale.ROOT).contains("robotics") ? 0.285
                        : -0.285);
                for (int d = 2; d < dims; d++) {
                    vector.add(0.0);
                }
                continue;
            }
            int seed = input.asText().hashCode();
            for (int d = 0; d < dims; d++) {
                vector.add(((seed >>> (d % 31)) & 0xff) + 1.0);
            }
        }
        out.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
        send(exchange, 200, JSON.writeValueAsString(out));
    }

    /** One memory built from the chunk's text. */
    private static String answer(String requestBody, String type, String deadline) {
        try {
            String text = chunkText(requestBody);
            ObjectNode memory = JSON.createObjectNode().put("content", "Follow up on: " + text).put("type", type)
                    .put("confidence", 0.8).put("assignee", "Sarah").put("deadline", deadline);
            memory.putArray("tags").add("follow-up");
            ObjectNode answer = JSON.createObjectNode();
            answer.putArray("memories").add(memory);
            return JSON.writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A conversation summary of the window's messages: the first user message as the summary (none for
     * {@code nosummary}), each user message with "will" as a decision with its seq, and one decision citing seq 9999,
     * outside any window, that the summarizer must drop.
     */
    private static String summary(String requestBody, boolean withSummary) throws IOException {
        JsonNode messages = JSON.readTree(requestBody).path("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        ObjectNode answer = JSON.createObjectNode();
        var decisions = answer.putArray("decisions");
        String first = null;
        Matcher line = SUMMARY_LINE.matcher(user);
        while (line.find()) {
            String text = line.group(2).replaceAll("\\[\\[\\w+:[a-z0-9,]+]]", "").strip();
            first = first == null ? text : first;
            if (text.contains(" will ")) {
                decisions.addObject().put("text", text).put("seq", Integer.parseInt(line.group(1)));
            }
        }
        decisions.addObject().put("text", "Something no message of the window says.").put("seq", 9999);
        answer.put("summary", withSummary ? "The user said: " + first : "");
        answer.put("title", "Fake summary");
        answer.putArray("topics").add("budget").add("review");
        answer.putArray("questions");
        return JSON.writeValueAsString(answer);
    }

    /**
     * Profile insights: for each message saying "I prefer X", a preference for X quoting the message from "I prefer";
     * and for the first message two traits the reader must drop, one quoting words the message does not hold (the
     * twin's "Noted.") and one at confidence 0.4.
     */
    private static String insights(String requestBody) throws IOException {
        JsonNode messages = JSON.readTree(requestBody).path("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        ObjectNode answer = JSON.createObjectNode();
        var items = answer.putArray("insights");
        Matcher line = INSIGHT_LINE.matcher(user);
        boolean first = true;
        while (line.find()) {
            String id = line.group(1);
            String text = line.group(2);
            int at = text.indexOf("I prefer ");
            if (at >= 0) {
                String quoted = text.substring(at).replaceAll("[.!]+$", "");
                items.addObject().put("trait", quoted.substring("I prefer ".length())).put("category", "preference")
                        .put("subcategory", "scheduling").put("confidence", 0.9).put("supporting_text", quoted)
                        .put("message_id", id);
            }
            if (first) {
                items.addObject().put("trait", "being noted").put("category", "preference").put("subcategory", "other")
                        .put("confidence", 0.8).put("supporting_text", "Noted.").put("message_id", id);
                items.addObject().put("trait", "guesswork").put("category", "interest").put("subcategory", "other")
                        .put("confidence", 0.4).put("supporting_text", text).put("message_id", id);
                first = false;
            }
        }
        return JSON.writeValueAsString(answer);
    }

    /**
     * A graph of the passage: for each "First Last works at Org", the person, the organisation and {@code works_at}
     * (from 2024-03-01 when the passage says "March 1, 2024"); and what the reader must drop: a person the passage
     * does not name, an entity of an unknown type, a fact of an unknown type, one to an entity not listed and one with
     * a date that is not a date.
     */
    private static String graph(String text) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode entities = answer.putArray("entities");
        ArrayNode facts = answer.putArray("relationships");
        Matcher m = WORKS_AT.matcher(text);
        while (m.find()) {
            String person = m.group(1);
            String org = m.group(2);
            entities.addObject().put("name", person).put("type", "person").put("char_start", m.start(1))
                    .putArray("aliases").add(person.split(" ")[0]);
            entities.addObject().put("name", org).put("type", "organization").put("char_start", m.start(2))
                    .putArray("aliases");
            entities.addObject().put("name", org).put("type", "galaxy").put("char_start", m.start(2));
            ObjectNode works = facts.addObject().put("source", person).put("target", org).put("type", "works_at")
                    .put("fact", m.group()).put("negated", false).put("char_start", m.start());
            if (text.contains("March 1, 2024")) {
                works.put("valid_from", "2024-03-01");
            }
            facts.addObject().put("source", person).put("target", org).put("type", "admires").put("fact", m.group());
            facts.addObject().put("source", person).put("target", "Ghost Person").put("type", "knows")
                    .put("fact", m.group());
            facts.addObject().put("source", person).put("target", org).put("type", "member_of")
                    .put("fact", m.group()).put("valid_from", "next spring");
        }
        entities.addObject().put("name", "Ghost Person").put("type", "person").put("char_start", 0);
        return JSON.writeValueAsString(answer);
    }

    /** The whole passage between the prompt's {@code ---} lines. */
    private static String passage(String requestBody) throws IOException {
        JsonNode messages = JSON.readTree(requestBody).path("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        int from = user.indexOf("---\n");
        int to = user.lastIndexOf("\n---");
        return from >= 0 && to > from ? user.substring(from + 4, to) : user;
    }

    private static String chunkText(String requestBody) throws IOException {
        JsonNode messages = JSON.readTree(requestBody).path("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        int from = user.indexOf("---");
        int to = user.lastIndexOf("---");
        String text = from >= 0 && to > from ? user.substring(from + 3, to) : user;
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private static String completion(String content) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", "fake");
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        out.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
        return JSON.writeValueAsString(out);
    }

    private static String error(String message, String code) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("message", message).put("type", "error").put("code", code);
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A provider quota: continuous refill, bounded burst. */
    private static final class TokenBucket {
        private final double perMilli;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(int perMinute, int burst) {
            this.perMilli = perMinute / 60_000.0;
            this.capacity = burst;
            this.tokens = burst;
        }

        /** Takes a token; returns 0, or how many ms until one is available. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e6 * perMilli);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
        }
    }
}
