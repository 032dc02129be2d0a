package dev.engram.platform.errors;

/** A file is larger than Engram takes by this way of sending it. */
public final class TooLarge extends DomainException {

    public TooLarge(String detail) {
        super(detail);
    }
}
