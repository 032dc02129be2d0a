package dev.engram.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.bench.Bench;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The mixed load of a chaos run: several users at once submit texts, bulk groups, files by all three routes
 * (multipart, presigned upload, drop folder), announce uploads they never complete, repeat requests with the same
 * Idempotency-Key, and cancel or purge jobs while they run. Everything accepted is recorded for the invariants.
 */
final class MixedLoad {

    /** One thing a user asked for and what the API answered. */
    static final class Submitted {
        final String kind;
        final String user;
        final String key;
        volatile String taskId;
        volatile String dropKey;
        volatile boolean purged;
        volatile boolean cancelRequested;
        volatile int status;

        Submitted(String kind, String user, String key) {
            this.kind = kind;
            this.user = user;
            this.key = key;
        }
    }

    private final ChaosApi api;
    private final S3Client s3;
    private final String bucket;
    private final ChaosSettings settings;
    private final ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    /** Jobs whose owners watch their progress until they finish, as the review page does. */
    private final ConcurrentLinkedQueue<Submitted> watched = new ConcurrentLinkedQueue<>();
    private final AtomicInteger progressPolls = new AtomicInteger();
    private volatile boolean loading = true;
    private final AtomicInteger jobsSent = new AtomicInteger();
    private final AtomicInteger repeatedKeys = new AtomicInteger();
    private final AtomicInteger repeatMismatches = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MixedLoad(ChaosApi api, S3Client s3, String bucket, ChaosSettings settings) {
        this.api = api;
        this.s3 = s3;
        this.bucket = bucket;
        this.settings = settings;
    }

    /** Runs the users' threads until {@code settings.jobs()} jobs were submitted, spread over the fault window. */
    void run() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        // Pace: the jobs spread over about the fault window, users interleaved.
        long pauseMillis = Math.max(50, settings.faultSeconds() * 1000L * settings.users() / settings.jobs() / 2);
        for (int u = 0; u < settings.users(); u++) {
            String user = "chaos-user-" + u;
            long seed = 1000L + u;
            threads.add(Thread.ofPlatform().name(user).start(() -> userLoop(user, new Random(seed), pauseMillis)));
        }
        Thread watcher = Thread.ofPlatform().name("progress-watch").start(this::watch);
        for (Thread t : threads) {
            t.join();
        }
        loading = false;
        watcher.join();
        later.shutdown();
        later.awaitTermination(2, TimeUnit.MINUTES);
    }

    List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    /** Progress requests the users made while they watched their jobs. */
    int progressPolls() {
        return progressPolls.get();
    }

    /** Polls the progress of every watched job about every 2 s until it finishes (or the load ends). */
    private void watch() {
        while (loading) {
            long round = System.nanoTime();
            for (Submitted s : watched) {
                ChaosApi.Answer answer = api.progress(s.user, s.taskId);
                progressPolls.incrementAndGet();
                String state = answer.text("state");
                if (answer.status() == 404 || state != null && !state.equals("pending")
                        && !state.equals("processing")) {
                    watched.remove(s);
                }
            }
            long left = 2000 - (System.nanoTime() - round) / 1_000_000;
            if (left > 0) {
                Bench.sleep(left);
            }
        }
    }

    int repeatedKeys() {
        return repeatedKeys.get();
    }

    /** Repeated requests (same Idempotency-Key, same body) answered with another job than the first. */
    int repeatMismatches() {
        return repeatMismatches.get();
    }

    private void userLoop(String user, Random random, long pauseMillis) {
        int n = 0;
        while (jobsSent.get() < settings.jobs()) {
            n++;
            double dice = random.nextDouble();
            try {
                if (dice < 0.30) {
                    text(user, n, random, "text");
                } else if (dice < 0.40) {
                    bulk(user, n, random);
                } else if (dice < 0.55) {
                    file(user, n, random);
                } else if (dice < 0.65) {
                    presigned(user, n, random, true);
                } else if (dice < 0.70) {
                    presigned(user, n, random, false);
                } else if (dice < 0.80) {
                    drop(user, n, random);
                } else if (dice < 0.90) {
                    Submitted s = text(user, n, random, "cancelled");
                    later(() -> cancel(s), random.nextInt(4000));
                } else {
                    Submitted s = random.nextBoolean() ? text(user, n, random, "purged")
                            : file(user, n, random);
                    later(() -> purge(s), random.nextInt(5000));
                }
                if (random.nextInt(5) == 0) {
                    api.jobs(user);
                }
            } catch (RuntimeException e) {
                ChaosMain.log("%s: %s", user, e);
            }
            Bench.sleep(pauseMillis / 2 + random.nextInt((int) Math.max(1, pauseMillis)));
        }
    }

    private Submitted text(String user, int n, Random random, String kind) {
        Submitted s = record(kind, user);
        String text = Corpus.notes(user, n, 1 + random.nextInt(4));
        boolean autoSave = random.nextBoolean();
        ChaosApi.Answer answer = api.submitText(user, s.key, text, autoSave);
        accept(s, answer, answer.text("task_id"), 1);
        if (answer.ok() && random.nextInt(10) == 0) {
            // The same request again (a client that lost the first answer): it must name the same job.
            repeatedKeys.incrementAndGet();
            ChaosApi.Answer again = api.submitText(user, s.key, text, autoSave);
            checkRepeat(s, again);
        }
        return s;
    }

    private void bulk(String user, int n, Random random) {
        int items = 2 + random.nextInt(4);
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(Map.of("type", "text", "text", Corpus.notes(user, n * 100 + i, 1 + random.nextInt(2))));
        }
        Submitted group = record("bulk", user);
        ChaosApi.Answer answer = api.submitBulk(user, group.key, Map.of("items", list));
        group.status = answer.status();
        if (!answer.ok()) {
            return;
        }
        jobsSent.addAndGet(items);
        group.taskId = answer.text("group_id");
        for (JsonNode item : answer.body().path("items")) {
            Submitted s = record("bulk_item", user);
            s.status = answer.status();
            s.taskId = item.path("task_id").asText(null);
        }
    }

    private Submitted file(String user, int n, Random random) {
        Submitted s = record("file", user);
        byte[] content = Corpus.notes(user, n, 1 + random.nextInt(4)).getBytes(StandardCharsets.UTF_8);
        ChaosApi.Answer answer = api.submitFile(user, s.key, "notes-" + n + ".md", content);
        accept(s, answer, answer.text("task_id"), 1);
        return s;
    }

    private void presigned(String user, int n, Random random, boolean complete) {
        Submitted s = record(complete ? "presigned" : "upload_abandoned", user);
        byte[] content = Corpus.notes(user, n, 1 + random.nextInt(3)).getBytes(StandardCharsets.UTF_8);
        ChaosApi.Answer answer = api.announceUpload(user, s.key, "upload-" + n + ".md", content.length);
        accept(s, answer, answer.text("task_id"), 1);
        if (!answer.ok() || !complete) {
            return;
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(answer.text("upload_url")))
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        answer.body().path("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                if (http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                    return;
                }
            } catch (Exception e) {
                // s3proxy busy: try again
            }
            Bench.sleep(500);
        }
        ChaosMain.log("%s: upload of %s never succeeded", user, s.taskId);
    }

    private void drop(String user, int n, Random random) {
        Submitted s = record("drop", user);
        String key = "drop/" + user + "/chaos-" + n + "-" + UUID.randomUUID().toString().substring(0, 8) + ".md";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/markdown"),
                RequestBody.fromString(Corpus.notes(user, n, 1 + random.nextInt(3))));
        s.dropKey = key;
        s.status = 200;
        jobsSent.incrementAndGet();
    }

    private void cancel(Submitted s) {
        if (s.taskId != null) {
            s.cancelRequested = true;
            api.cancel(s.user, s.taskId);
        }
    }

    private void purge(Submitted s) {
        if (s.taskId == null) {
            return;
        }
        ChaosApi.Answer answer = api.purge(s.user, s.taskId);
        if (answer.status() == 204 || answer.status() == 404) {
            s.purged = true;
        } else {
            ChaosMain.log("purge of %s answered %d", s.taskId, answer.status());
        }
    }

    private void checkRepeat(Submitted s, ChaosApi.Answer again) {
        if (again.ok() && s.taskId != null && !s.taskId.equals(again.text("task_id"))) {
            repeatMismatches.incrementAndGet();
            ChaosMain.log("repeat of %s answered another job %s", s.taskId, again.text("task_id"));
        }
    }

    private Submitted record(String kind, String user) {
        Submitted s = new Submitted(kind, user, "chaos-" + UUID.randomUUID());
        submitted.add(s);
        return s;
    }

    private void accept(Submitted s, ChaosApi.Answer answer, String taskId, int jobs) {
        s.status = answer.status();
        if (answer.ok()) {
            s.taskId = taskId;
            jobsSent.addAndGet(jobs);
            if (taskId != null) {
                watched.add(s);
            }
        }
    }

    private void later(Runnable action, long delayMillis) {
        later.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                ChaosMain.log("delayed action failed: %s", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

}
