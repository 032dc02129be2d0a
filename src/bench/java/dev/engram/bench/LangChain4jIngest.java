package dev.engram.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer: LangChain4j's {@link EmbeddingStoreIngestor} with its recursive splitter (the same 400-token chunks
 * and 48-token overlap as Engram, counted by the model's tokenizer), the same bge-small model with one ONNX
 * intra-op thread per run on as many threads as Engram embeds with, and {@link PgVectorEmbeddingStore} on the same
 * Postgres server, in a database and table of its own. Each measured run is a JVM of its own with the JVM options
 * of Engram's deployed functions, warmed up by ingesting a corpus as big as the measured one (another seed), as
 * Engram is.
 */
final class LangChain4jIngest {

    /** @param seconds from the call to ingest until it returned (every segment embedded and committed) */
    record Result(int documents, int segments, double seconds, long rows) {
    }

    static final String TABLE = "bench_langchain4j_segments";
    static final String WARMUP_TABLE = "bench_langchain4j_warmup";
    /** A database of its own on the same server: Engram's schema is Flyway's alone. */
    static final String DATABASE = Bench.DATABASE + "_langchain4j";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured run in a JVM of its own: args are documents, characters per document, seed, warm-up seed. */
    public static void main(String[] args) throws Exception {
        int docs = Integer.parseInt(args[0]);
        int chars = Integer.parseInt(args[1]);
        List<String> measured = new MeetingNotes(Integer.parseInt(args[2])).documents(docs, chars);
        List<String> warmup = new MeetingNotes(Integer.parseInt(args[3])).documents(docs, chars);
        Result r = new LangChain4jIngest().run(warmup, measured, Bench.THREADS);
        System.out.println("RESULT " + JSON.writeValueAsString(r));
        System.exit(0);
    }

    /** Runs {@link #main} in a child JVM with {@code jvmOptions} and this JVM's class path and bench settings. */
    static Result inChildJvm(List<String> jvmOptions, int docs, int chars, int seed, int warmupSeed)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions);
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.")) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LangChain4jIngest.class.getName(),
                String.valueOf(docs), String.valueOf(chars), String.valueOf(seed), String.valueOf(warmupSeed)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the LangChain4j run exited with " + exit + " and no result");
        }
        return JSON.readValue(result, Result.class);
    }

    Result run(List<String> warmup, List<String> documents, int threads) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            EmbeddingModel model = TunedOnnxEmbedder.langchain4jModel(1, executor);
            ingest(model, WARMUP_TABLE, warmup);
            return measure(model, documents);
        } finally {
            executor.shutdownNow();
        }
    }

    private Result measure(EmbeddingModel model, List<String> documents) throws Exception {
        var store = store(TABLE);
        var ingestor = ingestor(model, store);
        List<Document> docs = documents.stream().map(Document::from).toList();
        long t0 = System.nanoTime();
        ingestor.ingest(docs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Searchable: a query finds what was just stored.
        var hits = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("who leads the expansion").content()).maxResults(3).build());
        if (hits.matches().isEmpty()) {
            throw new IllegalStateException("LangChain4j's store found nothing after ingestion");
        }
        long rows;
        try (var db = Bench.database(DATABASE); var st = db.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            rows = rs.getLong(1);
        }
        return new Result(documents.size(), (int) rows, seconds, rows);
    }

    private static void ingest(EmbeddingModel model, String table, List<String> documents) {
        ingestor(model, store(table)).ingest(documents.stream().map(Document::from).toList());
    }

    private static PgVectorEmbeddingStore store(String table) {
        return PgVectorEmbeddingStore.builder().host("localhost").port(Bench.PG_PORT).user("engram")
                .password("engram").database(DATABASE).table(table).dimension(384).createTable(true)
                .dropTableFirst(true).build();
    }

    private static EmbeddingStoreIngestor ingestor(EmbeddingModel model, PgVectorEmbeddingStore store) {
        return EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(400, 48, new HuggingFaceTokenCountEstimator()))
                .embeddingModel(model).embeddingStore(store).build();
    }
}
