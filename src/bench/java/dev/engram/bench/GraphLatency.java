package dev.engram.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code graph_extract_p95_ratio}: what building the knowledge graph costs the API. The graph is a stage of its own,
 * so the extract requests should not wait for it; on one machine they share its cores. Each measured pair starts
 * Engram twice from the built jar, with the graph off and then on ({@code ENGRAM_GRAPH_ENABLED}), on fresh queues and
 * the same database, queues the same backlog of auto-saved documents (so the process stage, and with the graph on
 * the graph stage, work while the requests come), and offers the same open-loop load of async extract requests; the
 * figure is the p95 with the graph on over the p95 with it off, pair by pair.
 */
final class GraphLatency {

    static final double RATE = Double.parseDouble(System.getProperty("bench.graph-rate", "10"));
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.graph-seconds", "15"));
    static final double GOAL = 1.10;

    /** One pair: the same load with the graph off, then on. */
    record Pair(OpenLoopLoad.Result off, OpenLoopLoad.Result on, long graphChunksCompleted) {

        double ratio() {
            return on.p95() / off.p95();
        }
    }

    private GraphLatency() {
    }

    static List<Pair> run(List<String> backlog, List<String> notes, List<String> users, int repeats)
            throws Exception {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            OpenLoopLoad.Result off = measure(false, i, backlog, notes, users).load();
            Measured on = measure(true, i, backlog, notes, users);
            Pair pair = new Pair(off, on.load(), on.graphChunksCompleted());
            Bench.log("graph %d: extract p95 %.1f ms off, %.1f ms on (%d graph chunks completed meanwhile): %.2f", i,
                    off.p95(), pair.on().p95(), pair.graphChunksCompleted(), pair.ratio());
            pairs.add(pair);
        }
        return pairs;
    }

    /** The load's latencies, and how many chunks' graphs completed meanwhile (0 with the graph off). */
    private record Measured(OpenLoopLoad.Result load, long graphChunksCompleted) {
    }

    private static Measured measure(boolean graph, int run, List<String> backlog, List<String> notes,
            List<String> users) throws Exception {
        StackReset.aws();
        String tag = (graph ? "on-" : "off-") + run;
        Map<String, String> env = Bench.engramEnv(Bench.PREFIX, Bench.HTTP_PORT);
        env.put("ENGRAM_GRAPH_ENABLED", Boolean.toString(graph));
        EngramApi api = new EngramApi(Bench.HTTP_PORT);
        try (var engram = EngramProcess.start("engram-graph-" + tag, Bench.APPS.resolve("default"),
                BenchMain.ENGRAM_JVM_OPTS, env, Bench.OUT.resolve("logs/engram-graph-" + tag + ".log"))) {
            engram.awaitHttp200(URI.create("http://localhost:" + Bench.HTTP_PORT + "/q/health/ready"),
                    Duration.ofSeconds(120));
            OpenLoopLoad load = new OpenLoopLoad(api);
            load.run(RATE, BenchMain.API_WARMUP_SECONDS, notes, users);
            long before = graphCompleted();
            for (String doc : backlog) {
                api.submitText("bench-graph-backlog-" + tag, doc, true);
            }
            OpenLoopLoad.Result result = load.run(RATE, SECONDS, notes, users);
            return new Measured(result, graphCompleted() - before);
        }
    }

    private static long graphCompleted() throws Exception {
        try (var db = Bench.database(); var st = db.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM graph_work WHERE state = 'completed'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
