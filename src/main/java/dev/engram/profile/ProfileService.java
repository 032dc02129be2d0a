package dev.engram.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.graph.SelfFacts;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user's profile: read it by category, correct an insight, reject one (its fact in the graph follows, in the same
 * transaction). Others' ids answer 404.
 */
@ApplicationScoped
class ProfileService {

    static final List<String> CATEGORIES = List.of("preference", "interest", "skill", "relationship", "dislike");
    static final Set<String> SUBCATEGORIES = Set.of("scheduling", "communication", "food", "tools", "work_style",
            "other");
    private static final Set<String> PATCHABLE = Set.of("trait", "category", "subcategory", "confidence");
    private static final int MAX_TRAIT = 500;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ProfileInsightRepository insights;
    private final InsightEvidenceRepository evidence;
    private final ActiveEmbedder embedder;
    private final SelfFacts graph;

    ProfileService(Pool pool, ReactiveBridge bridge, ProfileInsightRepository insights,
            InsightEvidenceRepository evidence, ActiveEmbedder embedder, SelfFacts graph) {
        this.pool = pool;
        this.bridge = bridge;
        this.insights = insights;
        this.evidence = evidence;
        this.embedder = embedder;
        this.graph = graph;
    }

    /** The profile: each category's insights, most confident first, each with its evidence. */
    public record Profile(Map<String, List<ProfileInsight>> categories) {
    }

    public Profile profile(String userId, String category, String minConfidence, String include) {
        List<String> errors = new ArrayList<>();
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add("category: must be one of " + String.join(", ", CATEGORIES));
        }
        double min;
        try {
            min = minConfidence == null ? 0.6 : Double.parseDouble(minConfidence);
        } catch (NumberFormatException e) {
            min = Double.NaN;
        }
        if (!(min >= 0 && min <= 1)) {
            errors.add("min_confidence: must be 0 to 1");
        }
        if (include != null && !include.equals("history")) {
            errors.add("include: must be history");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        double floor = min;
        List<ProfileInsight> found = withEvidence(userId, bridge.await(() -> insights.list(pool, userId, category,
                floor, include != null)));
        Map<String, List<ProfileInsight>> byCategory = new LinkedHashMap<>();
        for (String c : CATEGORIES) {
            List<ProfileInsight> of = found.stream().filter(i -> i.category().equals(c)).toList();
            if (!of.isEmpty()) {
                byCategory.put(c, of);
            }
        }
        return new Profile(byCategory);
    }

    /** Its owner's correction of an insight: the fields given replace the inferred ones; its source becomes manual. */
    public ProfileInsight correct(String userId, String id, JsonNode body) {
        UUID key = parse(id);
        if (body == null || !body.isObject()) {
            throw new Malformed("a JSON object with trait, category, subcategory or confidence is required");
        }
        List<String> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!PATCHABLE.contains(f)) {
                errors.add(f + ": cannot be changed; trait, category, subcategory and confidence can");
            }
        });
        JsonNode trait = body.get("trait");
        if (trait != null && (!trait.isTextual() || trait.asText().isBlank() || trait.asText().length() > MAX_TRAIT)) {
            errors.add("trait: must be 1 to " + MAX_TRAIT + " characters");
        }
        JsonNode category = body.get("category");
        if (category != null && (!category.isTextual() || !CATEGORIES.contains(category.asText()))) {
            errors.add("category: must be one of " + String.join(", ", CATEGORIES));
        }
        JsonNode subcategory = body.get("subcategory");
        if (subcategory != null && (!subcategory.isTextual() || !SUBCATEGORIES.contains(subcategory.asText()))) {
            errors.add("subcategory: must be one of scheduling, communication, food, tools, work_style, other");
        }
        JsonNode confidence = body.get("confidence");
        if (confidence != null && (!confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1)) {
            errors.add("confidence: must be a number from 0 to 1");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        ProfileInsight current = bridge.await(() -> insights.find(pool, userId, key))
                .orElseThrow(ProfileService::missing);
        String newTrait = trait == null ? current.trait() : trait.asText().strip();
        ProfileTrait corrected = new ProfileTrait(category == null ? current.category() : category.asText(),
                subcategory == null ? (trait == null ? current.subcategory() : TraitRules.subcategory(newTrait))
                        : subcategory.asText(),
                newTrait, trait == null ? current.traitKey() : TraitRules.key(newTrait),
                confidence == null ? Math.max(current.confidence(), 0.95) : confidence.asDouble(), null);
        float[] vector = embedder.get().embedAll(List.of(newTrait)).get(0);
        ProfileInsight saved = bridge.await(() -> pool.withTransaction(db -> graph.hold(db, userId)
                .chain(() -> insights.correct(db, userId, key, corrected, vector))
                .call(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : graph.correct(db, userId, found.get().asFact()))))
                .orElseThrow(ProfileService::missing);
        return withEvidence(userId, List.of(saved)).get(0);
    }

    /** Rejects an insight: hidden from the profile and not read again from the messages that evidenced it. */
    public void reject(String userId, String id) {
        UUID key = parse(id);
        if (!bridge.await(() -> pool.withTransaction(db -> graph.hold(db, userId)
                .chain(() -> insights.reject(db, userId, key))
                .call(rejected -> rejected ? graph.reject(db, userId, key) : Uni.createFrom().voidItem())))) {
            throw missing();
        }
    }

    private List<ProfileInsight> withEvidence(String userId, List<ProfileInsight> found) {
        if (found.isEmpty()) {
            return found;
        }
        Map<UUID, List<Evidence>> all = bridge.await(() -> evidence.of(pool, userId, found.stream()
                .map(ProfileInsight::id).toList()));
        return found.stream().map(i -> i.withEvidence(all.getOrDefault(i.id(), List.of()))).toList();
    }

    private static UUID parse(String id) {
        return NotFound.parseId(id, "insight");
    }

    private static NotFound missing() {
        return new NotFound("insight");
    }
}
