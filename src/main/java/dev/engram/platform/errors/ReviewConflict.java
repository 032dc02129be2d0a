package dev.engram.platform.errors;

import java.util.List;

/**
 * A review names memory candidates whose state forbids what it asks (already confirmed, rejected, expired, or not of
 * this extraction); each such candidate has its own line.
 */
public final class ReviewConflict extends DomainException {

    private final List<String> conflicts;

    public ReviewConflict(List<String> conflicts) {
        super(String.join("; ", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    /** One line per conflicting candidate: {@code "<id>: <why>"}. */
    public List<String> conflicts() {
        return conflicts;
    }
}
