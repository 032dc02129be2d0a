package dev.engram.platform.errors;

/** The request contradicts the current state of what it acts on (a finished task, a taken key, a duplicate). */
public final class Conflict extends DomainException {

    public Conflict(String detail) {
        super(detail);
    }
}
