package dev.engram.chat;

import java.util.UUID;

/**
 * Chat-queue message: feedback was given on a message and waits to be applied. Idempotency key: {@code feedbackId};
 * the stage applies it once.
 *
 * @param kind       always {@link #KIND}
 * @param feedbackId the feedback
 * @param userId     its owner
 */
record FeedbackAdded(String kind, UUID feedbackId, String userId) {

    public static final String KIND = "feedback_added";

    /** A message of this kind. */
    public static FeedbackAdded of(UUID feedbackId, String userId) {
        return new FeedbackAdded(KIND, feedbackId, userId);
    }
}
