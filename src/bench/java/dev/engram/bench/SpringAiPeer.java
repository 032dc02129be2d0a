package dev.engram.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second peer: Spring AI's ingestion (its {@code TokenTextSplitter}, {@code TransformersEmbeddingModel} on the
 * bge-small files Engram embeds with, {@code PgVectorStore} in a database of its own on the same Postgres server),
 * built as a Maven project of its own in {@code infra/bench/spring-ai} so that Spring Boot 4's and Spring AI 2's
 * libraries never meet the Quarkus class path. Each measured run is a JVM of its own on that project's class path,
 * with the JVM options of Engram's deployed functions, after a warm-up on a corpus as big as the measured one; the
 * corpora are this run's meeting notes, handed over as files.
 */
final class SpringAiPeer {

    /** @param seconds from the call to split until {@code PgVectorStore.add} returned (every chunk committed) */
    record Result(int documents, int segments, double seconds, long rows) {

        double documentsPerSecond() {
            return documents / seconds;
        }
    }

    /** A database of its own on the same server, like LangChain4j's. */
    static final String DATABASE = Bench.DATABASE + "_springai";
    /** Its jar and class path, written by {@code infra/bench/bench.sh} when it builds the project. */
    static final Path JAR = Path.of("infra/bench/spring-ai/target/spring-ai-peer.jar");
    static final Path CLASSPATH = Bench.OUT.resolve("spring-ai-classpath.txt");
    private static final String MAIN = "dev.engram.bench.springai.SpringAiIngest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpringAiPeer() {
    }

    /** {@code repeats} measured runs on {@code docs}, each warmed up on {@code warmup} first. */
    static List<Result> runs(List<String> jvmOptions, List<String> docs, List<String> warmup, int repeats)
            throws Exception {
        Path corpus = Bench.OUT.resolve("corpus/spring-ai");
        Path measured = write(corpus.resolve("measured"), docs);
        Path warm = write(corpus.resolve("warmup"), warmup);
        List<Result> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            Result r = inChildJvm(jvmOptions, measured, warm);
            Bench.log("spring ai %d: %d chunks searchable in %.1f s (%.2f documents/s)", i + 1, r.segments(),
                    r.seconds(), r.documentsPerSecond());
            runs.add(r);
        }
        return runs;
    }

    private static Result inChildJvm(List<String> jvmOptions, Path measured, Path warmup) throws Exception {
        if (!Files.isRegularFile(JAR) || !Files.isRegularFile(CLASSPATH)) {
            throw new IllegalStateException("the Spring AI peer is not built: " + JAR + " and " + CLASSPATH
                    + " come from infra/bench/bench.sh");
        }
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions);
        // DJL (Spring AI's tokenizer and pooling) must load its native libraries from the class path, never fetch
        // them; it unpacks them under the run's output.
        command.addAll(List.of("-Dai.djl.offline=true",
                "-DDJL_CACHE_DIR=" + Bench.OUT.resolve("spring-ai/djl").toAbsolutePath(),
                "-cp", JAR + ":" + Files.readString(CLASSPATH).strip(), MAIN, measured.toString(),
                warmup.toString(), "jdbc:postgresql://localhost:" + Bench.PG_PORT + "/" + DATABASE));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                } else if (tail.add(line) && tail.size() > 20) {
                    tail.removeFirst();
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the Spring AI run exited with " + exit + " and no result:\n"
                    + String.join("\n", tail));
        }
        return JSON.readValue(result, Result.class);
    }

    /** One {@code .txt} file per document, named in corpus order. */
    private static Path write(Path folder, List<String> docs) throws IOException {
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        for (int i = 0; i < docs.size(); i++) {
            Files.writeString(folder.resolve(String.format(Locale.ROOT, "doc-%04d.txt", i)), docs.get(i));
        }
        return folder.toAbsolutePath();
    }
}
