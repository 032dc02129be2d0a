package dev.engram.profile;

import dev.engram.graph.SelfFacts;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * One insight of a user's profile as its owner sees it.
 *
 * @param id           its id
 * @param category     preference, interest, skill, relationship or dislike
 * @param subcategory  scheduling, communication, food, tools, work_style or other
 * @param trait        what it is about, in the user's words
 * @param traitKey     its identity for merging
 * @param confidence   0 to 1
 * @param status       active, superseded, needs_review or rejected
 * @param source       chat_inference, feedback or manual
 * @param validFrom    since when it holds
 * @param validTo      until when it held (superseded ones), else null
 * @param supersededBy the insight that replaced it, else null
 * @param evidence     the messages that support or doubt it, oldest first
 */
record ProfileInsight(UUID id, String category, String subcategory, String trait, String traitKey,
        double confidence, String status, String source, OffsetDateTime validFrom, OffsetDateTime validTo,
        UUID supersededBy, List<Evidence> evidence) {

    ProfileInsight withEvidence(List<Evidence> found) {
        return new ProfileInsight(id, category, subcategory, trait, traitKey, confidence, status, source, validFrom,
                validTo, supersededBy, List.copyOf(found));
    }

    /** The insight as the graph states it: a fact of the user's self person, from the day (UTC) it began to hold. */
    SelfFacts.Insight asFact() {
        return new SelfFacts.Insight(id, category, trait, confidence, validFrom.withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDate());
    }
}
