package dev.engram.profile;

import java.util.List;

/**
 * Reads what users say about themselves from their own messages. Implementations are chosen by
 * {@code engram.profile.insight-provider}; adding one is one class.
 */
interface TraitReader {

    /** The provider name used in configuration. */
    String name();

    /**
     * The traits {@code statements} state, each with the statement that says it; confidences under
     * {@link TraitRules#FLOOR} are never returned.
     */
    List<Found> read(List<UserStatement> statements);

    /** A trait and the user message that states it. */
    record Found(ProfileTrait trait, UserStatement from) {
    }
}
