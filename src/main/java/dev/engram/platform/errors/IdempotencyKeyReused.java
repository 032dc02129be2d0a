package dev.engram.platform.errors;

/** An Idempotency-Key came back with a request other than the one it was first used with. */
public final class IdempotencyKeyReused extends DomainException {

    public IdempotencyKeyReused(String detail) {
        super(detail);
    }
}
