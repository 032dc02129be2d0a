package dev.engram.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.EntityType;
import dev.engram.extract.RelationType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's profile insights as facts of their graph. Each insight is one fact from the user's {@code self} person
 * (made on first use): {@code prefers}, {@code interested_in}, {@code skilled_in} or {@code dislikes} a topic, or
 * {@code knows} a person (a relationship insight, its role as the fact's attribute). Its evidence is each message that
 * says it: job {@code chat:<conversation id>}, the message's seq as the chunk, the sentence's offsets in the message,
 * the sentence as snippet and the message's id. The fact follows its insight: more evidence adds evidence and keeps
 * the higher confidence; a superseding insight closes it (valid_to, invalidated_at, superseded_by, as
 * {@link Timeline} closes an exclusive fact); a correction restates it, its owner's word becoming evidence of its
 * own; feedback moves its confidence, and proposes it again while the insight waits for review; a rejection rejects
 * it. Nothing is deleted but by a purge: deleting a conversation deletes the evidence it gave
 * and, as a job's purge does, whatever that leaves without evidence.
 *
 * <p>With the graph off ({@code engram.graph.enabled=false}) insights state nothing; a deleted conversation's
 * evidence is purged all the same. Every method runs on the caller's transaction and takes the user's
 * {@link GraphLock}. A caller that locks rows
 * of its own first takes the lock before them ({@link #hold}), so that the graph's lock always comes first.
 */
@ApplicationScoped
public class SelfFacts {

    /** The name of the person each user's insights are about; marked {@code self: true} in its attributes. */
    public static final String SELF = "self";
    private static final int SNIPPET = 300;

    private final ObjectMapper json;
    private final EntityRepository entityRows;
    private final RelationshipRepository relationshipRows;
    private final GraphEvidenceRepository evidenceRows;
    private final GraphPurge purge;
    private final GraphSettings settings;

    SelfFacts(ObjectMapper json, EntityRepository entityRows, RelationshipRepository relationshipRows,
            GraphEvidenceRepository evidenceRows, GraphPurge purge, GraphSettings settings) {
        this.json = json;
        this.entityRows = entityRows;
        this.relationshipRows = relationshipRows;
        this.evidenceRows = evidenceRows;
        this.purge = purge;
        this.settings = settings;
    }

    /**
     * An insight as the graph states it.
     *
     * @param category  preference, interest, skill, relationship or dislike (another states nothing)
     * @param trait     what it is about; a relationship's is {@code role: Name}
     * @param validFrom when it began to hold
     */
    public record Insight(UUID id, String category, String trait, double confidence, LocalDate validFrom) {
    }

    /**
     * A message that says an insight.
     *
     * @param message  the message's text, in which {@code sentence} is found (null when unknown)
     * @param sentence the words of the message that say it
     */
    public record Said(UUID messageId, UUID conversationId, int seq, String message, String sentence) {
    }

    /** What an insight's fact points at, and how it reads. */
    private record Target(RelationType type, EntityType entityType, String name, Map<String, Object> attributes,
            String fact) {
    }

    /**
     * Takes the user's graph lock on the caller's transaction, before the caller locks rows of its own; nothing with
     * the graph off.
     */
    public Uni<Void> hold(SqlClient db, String userId) {
        return settings.enabled() ? GraphLock.take(db, userId) : Uni.createFrom().voidItem();
    }

    /** {@code said} states {@code insight}: its fact is added (or raised) with this message as evidence. */
    public Uni<Void> state(SqlClient db, String userId, Insight insight, Said said) {
        Target target = target(insight);
        if (target == null || !settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return GraphLock.take(db, userId)
                .chain(() -> relationshipRows.ofInsight(db, userId, insight.id()))
                .chain(found -> found.isPresent()
                        ? relationshipRows.raise(db, userId, found.get().id(), (float) insight.confidence())
                                .replaceWith(found.get().id())
                        : insert(db, userId, insight, target))
                .chain(id -> evidenceRows.addOfRelationship(db, userId, id, span(said)))
                .replaceWithVoid();
    }

    /**
     * The insights {@code older} stop holding at {@code at}: their open facts close there, superseded by the fact of
     * insight {@code by} (none when it states no fact, or is null).
     */
    public Uni<Void> supersede(SqlClient db, String userId, List<UUID> older, UUID by, LocalDate at) {
        if (older.isEmpty() || !settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return GraphLock.take(db, userId)
                .chain(() -> by == null ? Uni.createFrom().item(Optional.<RelationshipRepository.Stored>empty())
                        : relationshipRows.ofInsight(db, userId, by))
                .chain(newer -> relationshipRows.closeOfInsights(db, userId, older.toArray(UUID[]::new), at,
                        newer.map(RelationshipRepository.Stored::id).orElse(null)))
                .replaceWithVoid();
    }

    /**
     * Its owner corrected {@code insight}: its fact says what the insight now says and holds again, with the
     * correction as evidence; a topic or person it no longer points at goes when nothing else rests on it.
     */
    public Uni<Void> correct(SqlClient db, String userId, Insight insight) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Target target = target(insight);
        return GraphLock.take(db, userId)
                .chain(() -> relationshipRows.ofInsight(db, userId, insight.id()))
                .chain(found -> restate(db, userId, insight, target, found))
                .chain(id -> id == null ? Uni.createFrom().voidItem()
                        : evidenceRows.addOfRelationship(db, userId, id, correction(insight)).replaceWithVoid())
                .chain(() -> purge.sweep(db, userId))
                .replaceWithVoid();
    }

    /**
     * Feedback moved the insight's confidence: its fact takes it, and the fact of a {@code doubted} insight (one that
     * waits for its owner's review) is proposed until the owner corrects or rejects the insight.
     */
    public Uni<Void> weigh(SqlClient db, String userId, UUID insightId, double confidence, boolean doubted) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return GraphLock.take(db, userId)
                .chain(() -> relationshipRows.reweighOfInsight(db, userId, insightId, (float) confidence, doubted));
    }

    /** Its owner rejected the insight: its fact is rejected (no longer shown or walked), not deleted. */
    public Uni<Void> reject(SqlClient db, String userId, UUID insightId) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return GraphLock.take(db, userId)
                .chain(() -> relationshipRows.ofInsight(db, userId, insightId))
                .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : relationshipRows.setStatuses(db, userId, new UUID[] {found.get().id()},
                                new String[] {"rejected"}));
    }

    /**
     * The conversation is being deleted: the evidence its messages gave goes, then every fact and entity left
     * without evidence (as a job's purge).
     */
    public Uni<Void> forgetConversation(SqlClient db, String userId, UUID conversationId) {
        return GraphLock.take(db, userId)
                .chain(() -> purge.purgeEvidence(db, userId, jobOf(conversationId)))
                .replaceWithVoid();
    }

    /** The job id the evidence of a conversation's insights carries. */
    static String jobOf(UUID conversationId) {
        return "chat:" + conversationId;
    }

    private Uni<UUID> insert(SqlClient db, String userId, Insight insight, Target target) {
        UUID id = UUID.randomUUID();
        return ends(db, userId, target)
                .chain(ends -> relationshipRows.insert(db, new RelationshipRepository.NewFact(id, userId, ends[0],
                        ends[1], target.type().wireName(), target.fact(), (float) insight.confidence(),
                        write(target.attributes()), "active", insight.validFrom(), null, false, null, insight.id())))
                .replaceWith(id);
    }

    /** Answers the fact's id, or null when the corrected insight states no fact. */
    private Uni<UUID> restate(SqlClient db, String userId, Insight insight, Target target,
            Optional<RelationshipRepository.Stored> found) {
        if (found.isEmpty()) {
            return target == null ? Uni.createFrom().nullItem() : insert(db, userId, insight, target);
        }
        UUID id = found.get().id();
        if (target == null) {
            // Corrected into a category the graph has no fact type for: the old fact no longer says it.
            return relationshipRows.setStatuses(db, userId, new UUID[] {id}, new String[] {"rejected"})
                    .replaceWith((UUID) null);
        }
        return ends(db, userId, target)
                .chain(ends -> relationshipRows.restate(db, userId, id, target.type().wireName(), ends[1],
                        target.fact(), (float) insight.confidence(), write(target.attributes())))
                .replaceWith(id);
    }

    /** The user's self person and the target entity, each found by its key or made. */
    private Uni<UUID[]> ends(SqlClient db, String userId, Target target) {
        return entityRows.upsertNamed(db, userId, EntityType.PERSON.wireName(), SELF,
                        NameKey.of(EntityType.PERSON, SELF), write(Map.of("self", true)), null)
                .chain(self -> entityRows.upsertNamed(db, userId, target.entityType().wireName(), target.name(),
                                NameKey.of(target.entityType(), target.name()), "{}", null)
                        .map(other -> new UUID[] {self.id(), other.id()}));
    }

    /** What the insight's fact points at; null for a category without a fact type, or a name without a key. */
    private static Target target(Insight insight) {
        String trait = insight.trait() == null ? "" : insight.trait().strip();
        Target t = switch (insight.category()) {
            case "preference" -> topic(RelationType.PREFERS, "prefers", trait);
            case "interest" -> topic(RelationType.INTERESTED_IN, "is interested in", trait);
            case "skill" -> topic(RelationType.SKILLED_IN, "is skilled in", trait);
            case "dislike" -> topic(RelationType.DISLIKES, "dislikes", trait);
            case "relationship" -> person(trait);
            default -> null;
        };
        return t == null || t.name().isEmpty() || NameKey.of(t.entityType(), t.name()).isEmpty() ? null : t;
    }

    private static Target topic(RelationType type, String verb, String trait) {
        return new Target(type, EntityType.TOPIC, trait, Map.of(), SELF + " " + verb + " " + trait);
    }

    /** A relationship insight reads {@code role: Name}; one without a role is the name alone. */
    private static Target person(String trait) {
        int colon = trait.indexOf(':');
        String role = colon < 0 ? "" : trait.substring(0, colon).strip();
        String name = colon < 0 ? trait : trait.substring(colon + 1).strip();
        return new Target(RelationType.KNOWS, EntityType.PERSON, name, role.isEmpty() ? Map.of() : Map.of("role",
                role), SELF + " knows " + name + (role.isEmpty() ? "" : " (" + role + ")"));
    }

    private static GraphEvidenceRepository.Span span(Said said) {
        String sentence = said.sentence() == null ? "" : said.sentence().strip();
        int start = said.message() == null || sentence.isEmpty() ? -1 : said.message().indexOf(sentence);
        int from = Math.max(start, 0);
        return new GraphEvidenceRepository.Span(jobOf(said.conversationId()), said.seq(), from,
                from + sentence.length(), snippet(sentence), null, said.messageId());
    }

    /** The owner's correction as evidence: no message, the insight's own job. */
    private static GraphEvidenceRepository.Span correction(Insight insight) {
        String text = "corrected by its owner: " + insight.trait().strip();
        return new GraphEvidenceRepository.Span("profile:" + insight.id(), 0, 0, text.length(), snippet(text), null,
                null);
    }

    private static String snippet(String s) {
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET - 1) + "…";
    }

    private String write(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not JSON: " + e.getMessage(), e);
        }
    }
}
