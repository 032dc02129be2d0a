package dev.engram.profile;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.graph.SelfFacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Learns a user's profile from what they write about themselves, and only from that: the caller passes user messages,
 * the {@link TraitReader} of {@code engram.profile.insight-provider} reads their first-person statements, and each trait joins the profile in the caller's
 * transaction. A trait of the same category and key as a current insight, or (outside single-valued subcategories)
 * at cosine 0.85 or more, is more evidence for it: it keeps the higher confidence. A new one that likes what a current
 * one dislikes (or the reverse), or gives another value of a single-valued subcategory (scheduling), supersedes it:
 * the older one holds until the message that changed it and stays in the history. An insight its owner rejected is
 * not read again from the same message. Feedback on a message moves the insights the message cites. Each insight is
 * also a fact of the user's graph ({@link SelfFacts}), written in the same transaction: stated with each message that
 * evidences it, closed when superseded, gone with the conversation that alone evidenced it.
 */
@ApplicationScoped
public class ProfileInsights {

    static final double SAME_TRAIT = 0.85;
    /** Subcategories where a person has one value at a time: a new one replaces the old. */
    static final Set<String> SINGLE_VALUED = Set.of("scheduling");
    /** How much a reaction to a message moves the insights it cites. */
    static final Map<String, Double> FEEDBACK_DELTAS = Map.of("helpful", 0.05, "insightful", 0.05,
            "incorrect", -0.2, "not_relevant", 0.0);
    /** An insight whose confidence feedback brings under this waits for its owner's review. */
    static final double REVIEW_BELOW = 0.6;

    private final ProfileInsightRepository insights;
    private final InsightEvidenceRepository evidence;
    private final ActiveEmbedder embedder;
    private final MeterRegistry metrics;
    private final TraitReader reader;
    private final SelfFacts graph;

    ProfileInsights(ProfileInsightRepository insights, InsightEvidenceRepository evidence, ActiveEmbedder embedder,
            MeterRegistry metrics, @All List<TraitReader> readers, ProfileSettings settings, SelfFacts graph) {
        this.reader = readers.stream().filter(r -> r.name().equals(settings.insightProvider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown engram.profile.insight-provider '"
                        + settings.insightProvider() + "'; available: "
                        + readers.stream().map(TraitReader::name).toList()));
        this.insights = insights;
        this.evidence = evidence;
        this.embedder = embedder;
        this.metrics = metrics;
        this.graph = graph;
    }

    /**
     * Takes the lock under which the profile's facts change in the user's graph, on the caller's transaction. A
     * caller that locks rows of its own before recording findings takes it first, so that every transaction that
     * writes those facts takes the graph's lock before any row.
     */
    public Uni<Void> hold(SqlClient db, String userId) {
        return graph.hold(db, userId);
    }

    /** The traits the statements state, embedded; blocking (the embedding model), so outside any transaction. */
    public List<InsightFinding> read(List<UserStatement> statements) {
        List<TraitReader.Found> found = reader.read(statements);
        if (found.isEmpty()) {
            return List.of();
        }
        List<float[]> vectors = embedder.get().embedAll(found.stream().map(f -> f.trait().trait()).toList());
        List<InsightFinding> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            out.add(new InsightFinding(found.get(i).trait(), found.get(i).from(), vectors.get(i)));
        }
        return out;
    }

    /** Merges the findings of chat messages into the user's profile, in order, in the caller's transaction. */
    public Uni<Void> record(SqlClient db, String userId, List<InsightFinding> findings) {
        return record(db, userId, findings, "chat_inference");
    }

    /**
     * Merges findings into the user's profile, in order, in the caller's transaction.
     *
     * @param source what new insights say they came from: {@code chat_inference} or {@code feedback}
     */
    public Uni<Void> record(SqlClient db, String userId, List<InsightFinding> findings, String source) {
        Uni<Void> chain = findings.isEmpty() ? Uni.createFrom().voidItem() : graph.hold(db, userId);
        for (InsightFinding f : findings) {
            chain = chain.chain(() -> one(db, userId, f, source)).invoke(outcome -> metrics.counter(
                    "engram.chat.insights", "outcome", outcome).increment()).replaceWithVoid();
        }
        return chain;
    }

    /**
     * Applies a reaction to a message to the insights it cites (other users' and unknown ids are ignored): helpful
     * and insightful +0.05 (up to 0.95), incorrect -0.2 (under 0.6 the insight waits for review and leaves the
     * profile), not_relevant only recorded. Each is an evidence row on the insight, once per insight and message. The
     * insight's fact in the graph takes the new confidence, and is proposed while the insight waits for review.
     *
     * @param on   the message reacted to
     * @param text what the evidence row quotes: the comment, else the reaction
     */
    public Uni<Void> applyFeedback(SqlClient db, String userId, List<UUID> insightIds, UserStatement on,
            String reaction, String text) {
        double delta = FEEDBACK_DELTAS.getOrDefault(reaction, 0.0);
        if (insightIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return insights.current(db, userId, insightIds).chain(owned -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : owned) {
                chain = chain.chain(() -> evidence.add(db, userId, id, on, text, "feedback", delta))
                        .chain(added -> added && delta != 0 ? insights.adjust(db, userId, id, delta, REVIEW_BELOW)
                                .chain(() -> insights.find(db, userId, id))
                                .chain(now -> now.isEmpty() ? Uni.createFrom().voidItem()
                                        : graph.weigh(db, userId, id, now.get().confidence(),
                                                now.get().status().equals("needs_review")))
                                : Uni.createFrom().voidItem());
            }
            return chain;
        });
    }

    /**
     * Before a conversation is deleted: the inferred insights only it evidenced go with it, and so does the graph
     * evidence its messages gave (with the facts and entities that rested only on it). Takes the graph's lock first.
     */
    public Uni<Integer> forgetConversation(SqlClient db, String userId, UUID conversationId) {
        return graph.forgetConversation(db, userId, conversationId)
                .chain(() -> evidence.insightsOnlyOf(db, userId, conversationId))
                .chain(ids -> insights.deleteInferred(db, userId, ids));
    }

    private Uni<String> one(SqlClient db, String userId, InsightFinding f, String source) {
        ProfileTrait t = f.trait();
        boolean single = SINGLE_VALUED.contains(t.subcategory());
        return evidence.insightsOfMessage(db, userId, f.from().messageId())
                .chain(ids -> insights.anyRejected(db, userId, t.category(), t.traitKey(), ids))
                .chain(rejected -> rejected ? Uni.createFrom().item("rejected_before")
                        : insights.match(db, userId, t.category(), t.traitKey(), f.embedding(), !single, SAME_TRAIT)
                                .chain(match -> match.isPresent() ? merge(db, userId, match.get(), f)
                                        : create(db, userId, f, single, source)));
    }

    private Uni<String> merge(SqlClient db, String userId, UUID id, InsightFinding f) {
        return insights.raise(db, userId, id, f.trait().confidence())
                .chain(() -> evidence.add(db, userId, id, f.from(), f.trait().supportingText(), "support",
                        f.trait().confidence()))
                .chain(() -> stateInGraph(db, userId, id, f))
                .replaceWith("merged");
    }

    private Uni<String> create(SqlClient db, String userId, InsightFinding f, boolean single, String source) {
        UUID id = UUID.randomUUID();
        ProfileTrait t = f.trait();
        return insights.insert(db, userId, id, t, f.embedding(), f.from().saidAt(), source)
                .chain(() -> evidence.add(db, userId, id, f.from(), t.supportingText(), "support", t.confidence()))
                .chain(() -> stateInGraph(db, userId, id, f))
                .chain(() -> insights.contradicted(db, userId, id, t, single))
                .chain(older -> {
                    if (older.isEmpty()) {
                        return Uni.createFrom().item("created");
                    }
                    Uni<Void> marks = insights.supersede(db, userId, older, id, f.from().saidAt())
                            .chain(() -> graph.supersede(db, userId, older, id, f.from().saidAt()
                                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
                    for (UUID old : older) {
                        marks = marks.chain(() -> evidence.add(db, userId, old, f.from(), t.supportingText(),
                                "contradiction", 0)).replaceWithVoid();
                    }
                    return marks.replaceWith("superseded");
                });
    }

    /** The users who have insights, for a backfill of everyone's graph. */
    public Uni<List<String>> owners(SqlClient db) {
        return insights.owners(db);
    }

    /**
     * States the user's insights in their graph as recording them would have: each supporting message as evidence,
     * a corrected one with its owner's word, a doubted one proposed, a superseded one closed by its successor. A
     * backfill for insights recorded before the graph had them; repeating it adds nothing. Answers how many
     * insights it went through.
     */
    public Uni<Integer> stateInGraph(SqlClient db, String userId) {
        return graph.hold(db, userId).chain(() -> insights.standing(db, userId)).chain(all -> all.isEmpty()
                ? Uni.createFrom().item(0)
                : evidence.of(db, userId, all.stream().map(ProfileInsight::id).toList()).chain(byInsight -> {
                    Uni<Void> steps = Uni.createFrom().voidItem();
                    for (ProfileInsight i : all) {
                        SelfFacts.Insight fact = i.asFact();
                        for (Evidence e : byInsight.getOrDefault(i.id(), List.of())) {
                            if (e.kind().equals("support")) {
                                steps = steps.chain(() -> graph.state(db, userId, fact, new SelfFacts.Said(
                                        e.messageId(), e.conversationId(), e.seq(), null, e.supportingText())));
                            }
                        }
                        if (i.source().equals("manual")) {
                            steps = steps.chain(() -> graph.correct(db, userId, fact));
                        }
                        if (i.status().equals("needs_review")) {
                            steps = steps.chain(() -> graph.weigh(db, userId, i.id(), i.confidence(), true));
                        }
                    }
                    // Closed once every fact exists, so that each names the fact that superseded it.
                    for (ProfileInsight i : all) {
                        if (i.status().equals("superseded") && i.validTo() != null) {
                            steps = steps.chain(() -> graph.supersede(db, userId, List.of(i.id()), i.supersededBy(),
                                    i.validTo().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()));
                        }
                    }
                    return steps.replaceWith(all.size());
                }));
    }

    /** The insight as it now stands becomes (or strengthens) its fact in the graph, with the finding's message. */
    private Uni<Void> stateInGraph(SqlClient db, String userId, UUID id, InsightFinding f) {
        UserStatement from = f.from();
        SelfFacts.Said said = new SelfFacts.Said(from.messageId(), from.conversationId(), from.seq(), from.content(),
                f.trait().supportingText());
        return insights.find(db, userId, id).chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : graph.state(db, userId, found.get().asFact(), said));
    }
}
