package dev.engram.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's Java sources as text, for facts the default build cannot load as classes (the Lambda handlers live
 * in {@code src/worker}, which only the worker build compiles).
 */
final class SourceTree {

    static final List<Path> MAIN = List.of(Path.of("src/main/java"), Path.of("src/worker/java"),
            Path.of("src/api/java"), Path.of("src/local/java"));

    private SourceTree() {
    }

    /** Every {@code .java} file under {@code roots}, with its text. */
    static List<Source> read(List<Path> roots) {
        return roots.stream().filter(Files::isDirectory).flatMap(SourceTree::files).map(SourceTree::source).toList();
    }

    private static Stream<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source source(Path file) {
        try {
            return new Source(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source file and its text. */
    record Source(Path path, String text) {
    }
}
