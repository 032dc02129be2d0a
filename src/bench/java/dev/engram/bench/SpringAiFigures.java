package dev.engram.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the report and the page say about the Spring AI peer: its details, its ratio against Engram's end-to-end runs,
 * and its setup line by line beside Engram's.
 */
final class SpringAiFigures {

    private SpringAiFigures() {
    }

    static Map<String, Object> details(List<SpringAiPeer.Result> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", runs.get(0).documents());
        m.put("chunks", runs.get(0).segments());
        m.put("seconds", runs.stream().map(r -> Report.round(r.seconds())).toList());
        m.put("docs_per_s", runs.stream().map(r -> Report.round(r.documentsPerSecond())).toList());
        return m;
    }

    /** Run <i>i</i> of the peer divided by run <i>i</i> of Engram, as for LangChain4j. */
    static Report.Metric vsEngram(List<SpringAiPeer.Result> peer, List<PipelineRun.Result> engram) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < engram.size(); i++) {
            ratios.add(peer.get(i % peer.size()).seconds() / engram.get(i).searchableSeconds());
        }
        Spread ratio = Spread.of(ratios);
        Spread seconds = Spread.of(peer.stream().map(SpringAiPeer.Result::seconds).toList());
        Spread docs = Spread.of(peer.stream().map(SpringAiPeer.Result::documentsPerSecond).toList());
        Spread searchable = Spread.of(engram.stream().map(PipelineRun.Result::searchableSeconds).toList());
        return new Report.Metric("vs_spring_ai_ingestion", ratio.median(), "x", "report", null,
                String.format(Locale.ROOT, "median Spring AI %.1f s (%d chunks, %.2f documents/s) / Engram %.1f s"
                        + " (%d memories saved); %s", seconds.median(), peer.get(0).segments(), docs.median(),
                        searchable.median(), engram.get(0).savedMemories(), ratio.range("%.2f")), ratio);
    }

    /** The page's section on the second peer. */
    static String section() {
        return """
                ## Engram and the second peer, Spring AI, line by line

                The same corpus goes through Spring AI 2.0.1's own ingestion (its ETL reference: a
                `TokenTextSplitter`, then `VectorStore.add`), built from `infra/bench/spring-ai`, a Maven project of its
                own (Spring AI BOM 2.0.1 on Spring Boot's 4.0.7 dependency management, no auto-configuration: the
                objects are built as the reference builds them by hand) so that its libraries never meet Engram's
                Quarkus class path. Every line where it differs from Engram:

                | | Engram (end to end) | Spring AI `TokenTextSplitter` + `PgVectorStore.add` |
                |---|---|---|
                | Work | rules extraction per chunk, embedding of the distinct extracted memories, duplicate checks, pending rows, DynamoDB counts, auto-save into the indexed `memories` table | embedding of every chunk, insert into its table |
                | Splitting | `Chunker`, 400 tokens with 48 of overlap, on paragraph and sentence boundaries | `TokenTextSplitter.builder().withChunkSize(400)`: 400 tokens of OpenAI's `cl100k_base` encoding (the splitter counts only with jtokkit's OpenAI encodings, not the bge tokenizer), **no overlap** (the splitter has no overlap setting), each chunk cut back to its last `.` `?` `!` or line break past 350 characters (its other defaults kept) |
                | Model | bge-small-en-v1.5 (quantized), ONNX Runtime, CLS pooling, L2-normalised | the same model and tokenizer files (the same jar, read from the class path, nothing downloaded), through `TransformersEmbeddingModel`: mean pooling over the tokens, not normalised (its only pooling; bge is trained for CLS); tokenizer options `padding=true` (to the batch's longest text) and `truncation=true`, `maxLength=512`, which the bge tokenizer file does not set |
                | Pooling | in Java, on the ONNX output | DJL's NDArrays on the PyTorch engine that `spring-ai-transformers` depends on; its native library comes from Maven Central (`pytorch-native-cpu` 2.7.1) and loads from the class path (`-Dai.djl.offline=true`) |
                | ONNX intra-op threads | 1 per run | ONNX Runtime's default, one per core in every run: the model builds its session options itself and offers no thread setting |
                | Parallel runs | 2 embedding threads | one: `PgVectorStore.add` embeds batch after batch on the calling thread |
                | Texts per ONNX run | padded batches of up to 8 texts of similar length | Spring AI's `TokenCountBatchingStrategy` (the store's default): as many chunks as fit 8,191 `cl100k_base` tokens less a 10% reserve, about 18 chunks of 400 tokens, padded to the longest |
                | Warm-up | a corpus as big as the measured one, another seed | the same corpus, ingested into a table of its own first, in the same JVM |
                | JVM | a process of its own, the deployed functions' `JAVA_TOOL_OPTIONS` | a process of its own per run, the same options, on its own class path |
                | Store | Postgres on this machine: HNSW and full-text indexes on `memories` | the same Postgres server, database `engram_bench_springai`, `PgVectorStore` with its documented defaults: an HNSW index on cosine distance (built as rows arrive), `uuid` ids, JSON metadata; JDBC through HikariCP, the rows in one JDBC batch |
                | Done when | every job `completed` and its memories saved (searchable) | `add()` returned and a `similaritySearch` finds the content |

                `vs_spring_ai_ingestion` has no goal: it is reported beside `vs_langchain4j_ingestor` so that the peer's
                figure does not rest on one library's choices.
                """;
    }
}
