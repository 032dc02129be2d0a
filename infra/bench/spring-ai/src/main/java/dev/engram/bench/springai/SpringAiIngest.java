package dev.engram.bench.springai;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.ai.document.Document;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Spring AI peer of {@code make bench}, one measured run per JVM: Spring AI's ETL ingestion as its reference
 * documents it ({@link TokenTextSplitter} into {@link PgVectorStore#add}, which embeds through the
 * {@link TransformersEmbeddingModel} and inserts), on the bge-small-en-v1.5 (quantized) model and tokenizer files
 * Engram embeds with, read from the class path: nothing is downloaded. It ingests the warm-up corpus into a table of
 * its own first, then times the measured corpus, checks that a query finds it, and prints one {@code RESULT} line.
 *
 * <p>Arguments: measured corpus folder, warm-up corpus folder (one {@code .txt} file per document), JDBC URL of its
 * own database. The driver, {@code dev.engram.bench.SpringAiPeer}, builds the corpora and reads the line.
 */
public final class SpringAiIngest {

    /** The chunk size Engram and the LangChain4j peer use; Spring AI's splitter counts it in cl100k tokens. */
    static final int CHUNK_TOKENS = 400;
    static final String TABLE = "bench_springai_chunks";
    static final String WARMUP_TABLE = "bench_springai_warmup";

    private SpringAiIngest() {
    }

    public static void main(String[] args) throws Exception {
        List<Document> measured = corpus(Path.of(args[0]));
        List<Document> warmup = corpus(Path.of(args[1]));
        try (HikariDataSource dataSource = dataSource(args[2]);
                TransformersEmbeddingModel model = embeddingModel()) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            TokenTextSplitter splitter = TokenTextSplitter.builder().withChunkSize(CHUNK_TOKENS).build();
            store(jdbc, model, WARMUP_TABLE).add(splitter.apply(warmup));

            PgVectorStore store = store(jdbc, model, TABLE);
            long t0 = System.nanoTime();
            store.add(splitter.apply(measured));
            double seconds = (System.nanoTime() - t0) / 1e9;

            // Searchable: a query finds what was just stored.
            if (store.similaritySearch(SearchRequest.builder().query("who leads the expansion").topK(3).build())
                    .isEmpty()) {
                throw new IllegalStateException("Spring AI's store found nothing after ingestion");
            }
            Long rows = jdbc.queryForObject("SELECT count(*) FROM " + TABLE, Long.class);
            System.out.printf(Locale.ROOT, "RESULT {\"documents\":%d,\"segments\":%d,\"seconds\":%.4f,\"rows\":%d}%n",
                    measured.size(), rows, seconds, rows);
        }
        System.exit(0);
    }

    /**
     * The model as the reference sets it up by hand: resources, tokenizer options, then {@code afterPropertiesSet}.
     * The tokenizer file of the bge model names no padding and no truncation, and the model runs each batch as one
     * tensor: pad to the batch's longest text and cut at BERT's 512 tokens, the options the reference lists.
     */
    private static TransformersEmbeddingModel embeddingModel() throws Exception {
        TransformersEmbeddingModel model = new TransformersEmbeddingModel();
        model.setModelResource(new ClassPathResource("bge-small-en-v1.5-q.onnx"));
        model.setTokenizerResource(new ClassPathResource("bge-small-en-v1.5-q-tokenizer.json"));
        model.setTokenizerOptions(Map.of("padding", "true", "truncation", "true", "maxLength", "512"));
        // Class path resources need no copy on disk.
        model.setDisableCaching(true);
        model.afterPropertiesSet();
        return model;
    }

    /** The store with the builder's documented defaults (HNSW index, cosine distance), on a fresh table. */
    private static PgVectorStore store(JdbcTemplate jdbc, TransformersEmbeddingModel model, String table)
            throws Exception {
        PgVectorStore store = PgVectorStore.builder(jdbc, model).dimensions(384).vectorTableName(table)
                .initializeSchema(true).removeExistingVectorStoreTable(true).build();
        store.afterPropertiesSet();
        return store;
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("engram");
        config.setPassword("engram");
        return new HikariDataSource(config);
    }

    private static List<Document> corpus(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(SpringAiIngest::read)
                    .map(Document::new).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
