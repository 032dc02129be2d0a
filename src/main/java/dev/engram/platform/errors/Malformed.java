package dev.engram.platform.errors;

/**
 * The request cannot be used as sent, said in one sentence rather than field by field: a body that is missing or not
 * an object, an unreadable or empty file, a parameter or header out of its range.
 */
public final class Malformed extends DomainException {

    public Malformed(String detail) {
        super(detail);
    }
}
