package dev.engram.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The peer: LangChain4j's {@link EmbeddingStoreIngestor} with its recursive splitter (the same 400-token chunks
 * and 48-token overlap as Engram, counted by the model's tokenizer), the same bge-small model on the same number of
 * threads, and {@link PgVectorEmbeddingStore} on the same Postgres server, in a database and table of its own.
 */
final class LangChain4jIngest {

    /** @param seconds from the call to ingest until it returned (every segment embedded and committed) */
    record Result(int documents, int segments, double seconds, long rows) {
    }

    static final String TABLE = "bench_langchain4j_segments";
    /** A database of its own on the same server: Engram's schema is Flyway's alone. */
    static final String DATABASE = Bench.DATABASE + "_langchain4j";

    Result run(List<String> documents, int threads) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            var model = new BgeSmallEnV15QuantizedEmbeddingModel(executor);
            model.embed("warm up");
            var store = PgVectorEmbeddingStore.builder().host("localhost").port(Bench.PG_PORT).user("engram")
                    .password("engram").database(DATABASE).table(TABLE).dimension(384).createTable(true)
                    .dropTableFirst(true).build();
            var ingestor = EmbeddingStoreIngestor.builder()
                    .documentSplitter(DocumentSplitters.recursive(400, 48, new HuggingFaceTokenCountEstimator()))
                    .embeddingModel(model).embeddingStore(store).build();
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
        } finally {
            executor.shutdownNow();
        }
    }
}
