package dev.engram.platform.errors;

import java.util.List;

/** The request's fields break their rules; each problem names its field: {@code "limit: must be 1 to 100"}. */
public final class Invalid extends DomainException {

    private final List<String> problems;

    /** @param problems one line per problem, each {@code "<field>: <what is wrong>"}; at least one */
    public Invalid(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One field that breaks its rule. */
    public static Invalid field(String field, String problem) {
        return new Invalid(List.of(field + ": " + problem));
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}
