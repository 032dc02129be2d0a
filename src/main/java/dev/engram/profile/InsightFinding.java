package dev.engram.profile;

/**
 * A trait read from a user message, embedded, ready to be merged into the profile.
 *
 * @param trait     what was read
 * @param from      the message that says it
 * @param embedding the trait's embedding
 */
public record InsightFinding(ProfileTrait trait, UserStatement from, float[] embedding) {
}
