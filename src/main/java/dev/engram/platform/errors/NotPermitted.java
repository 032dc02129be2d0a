package dev.engram.platform.errors;

/** The caller may not do this, whoever it is (a dev-only operation asked from elsewhere). */
public final class NotPermitted extends DomainException {

    public NotPermitted(String detail) {
        super(detail);
    }
}
