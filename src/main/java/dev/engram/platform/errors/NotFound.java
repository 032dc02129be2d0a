package dev.engram.platform.errors;

import java.util.UUID;

/**
 * A thing the caller named does not exist. Also thrown for another user's things, so that their existence is not
 * revealed.
 */
public final class NotFound extends DomainException {

    private final String what;

    /** @param what the thing, as the client knows it: {@code "task " + id}, {@code "conversation"} */
    public NotFound(String what) {
        super(what + " not found");
        this.what = what;
    }

    /**
     * An id the client gave, as a UUID. A value that cannot be one names nothing, so it is not found, exactly like an
     * id nobody has.
     */
    public static UUID parseId(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound(what);
        }
    }

    /** The thing that was not found. */
    public String what() {
        return what;
    }
}
