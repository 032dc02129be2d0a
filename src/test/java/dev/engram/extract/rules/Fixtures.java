package dev.engram.extract.rules;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/** Test inputs under {@code src/test/resources/rules} and small lookups over extraction results. */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/rules/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExtractionContext all(LocalDate reference) {
        return new ExtractionContext(EnumSet.allOf(MemoryType.class), reference, ZoneOffset.UTC);
    }

    static List<MemoryCandidate> ofType(List<MemoryCandidate> candidates, MemoryType type) {
        return candidates.stream().filter(c -> c.type() == type).toList();
    }

    /** The contents of the candidates of {@code type}, in order. */
    static List<String> contents(List<MemoryCandidate> candidates, MemoryType type) {
        return ofType(candidates, type).stream().map(MemoryCandidate::content).toList();
    }

    /** The single candidate of {@code type} whose content contains {@code fragment}. */
    static MemoryCandidate find(List<MemoryCandidate> candidates, MemoryType type, String fragment) {
        List<MemoryCandidate> matches = ofType(candidates, type).stream()
                .filter(c -> c.content().toLowerCase().contains(fragment.toLowerCase())).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type + " containing '" + fragment + "' but found " + matches
                    + "\nall: " + candidates);
        }
        return matches.get(0);
    }

    static boolean any(List<MemoryCandidate> candidates, MemoryType type, String fragment) {
        return ofType(candidates, type).stream().anyMatch(c -> c.content().toLowerCase().contains(fragment.toLowerCase()));
    }
}
