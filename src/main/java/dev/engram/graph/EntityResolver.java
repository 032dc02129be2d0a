package dev.engram.graph;

import dev.engram.extract.EntityType;
import dev.engram.review.DuplicatePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Decides whether a name found in a chunk is an entity the user's graph already has, never across types:
 * <ol>
 * <li>an equal {@link NameKey} or alias key (acronyms included) is the same entity;</li>
 * <li>a lone first name ("John") is the only person of the same job whose name starts with it; with two such
 * people it is neither;</li>
 * <li>a cosine of the {@code type: name} embeddings of at least {@value #SAME_COSINE} is the same entity; between
 * {@value #SUGGEST_COSINE} and that, the names must also be close as strings (Jaro-Winkler at least
 * {@value #SAME_JARO_WINKLER} and token Jaccard at least {@value #SAME_JACCARD}), else the pair is only suggested
 * for a person to merge.</li>
 * </ol>
 */
final class EntityResolver {

    static final double SAME_COSINE = 0.92;
    static final double SUGGEST_COSINE = 0.80;
    static final double SAME_JARO_WINKLER = 0.93;
    static final double SAME_JACCARD = 0.5;

    private EntityResolver() {
    }

    /** An entity the graph has: its key, its aliases' keys and its embedding (null when not embedded yet). */
    public record Known(UUID id, EntityType type, String name, String nameKey, Set<String> aliasKeys,
            float[] embedding) {
    }

    /** How a name was matched, as {@code entity_merges.method} records it. */
    public enum Method {
        EXACT, ALIAS, NAME_PREFIX, EMBEDDING
    }

    /** The entity a name resolves to ({@code id} null: a new one) and the pairs to suggest for merging. */
    public record Resolution(UUID id, Method method, double score, List<UUID> suggestions) {

        static Resolution fresh(List<UUID> suggestions) {
            return new Resolution(null, null, 0, suggestions);
        }
    }

    /**
     * Resolves {@code name} of {@code type} against {@code known} (the user's active entities of that type that a
     * look-up by key, alias or embedding found) and {@code jobPeople} (the persons the same job named).
     */
    public static Resolution resolve(EntityType type, String name, float[] embedding, List<Known> known,
            List<Known> jobPeople) {
        String key = NameKey.of(type, name);
        String acronym = NameKey.acronym(type, name);
        for (Known k : known) {
            if (k.type() == type && k.nameKey().equals(key)) {
                return new Resolution(k.id(), Method.EXACT, 1, List.of());
            }
        }
        for (Known k : known) {
            if (k.type() == type && (k.aliasKeys().contains(key) || acronym != null && (acronym.equals(k.nameKey())
                    || k.aliasKeys().contains(acronym)) || key.equals(NameKey.acronym(type, k.name())))) {
                return new Resolution(k.id(), Method.ALIAS, 1, List.of());
            }
        }
        if (type == EntityType.PERSON && !key.isEmpty() && !key.contains(" ")) {
            List<Known> sameFirst = jobPeople.stream()
                    .filter(p -> p.type() == EntityType.PERSON && p.nameKey().startsWith(key + " ")).toList();
            if (sameFirst.size() == 1) {
                return new Resolution(sameFirst.get(0).id(), Method.NAME_PREFIX, 1, List.of());
            }
        }
        List<Near> near = new ArrayList<>();
        for (Known k : known) {
            if (k.type() == type && k.embedding() != null && embedding != null) {
                near.add(new Near(k.id(), k.nameKey(), DuplicatePolicy.cosine(embedding, k.embedding())));
            }
        }
        return bySimilarity(key, near);
    }

    /** An entity of the same type and its cosine to the name being resolved. */
    public record Near(UUID id, String nameKey, double cosine) {
    }

    /**
     * The embedding rule alone (3 above): {@code key} is the entity among {@code near} with the highest cosine of at
     * least {@value #SAME_COSINE}, or of at least {@value #SUGGEST_COSINE} with a close name; the others of at least
     * {@value #SUGGEST_COSINE} are suggestions.
     */
    public static Resolution bySimilarity(String key, List<Near> near) {
        Near best = null;
        List<UUID> suggestions = new ArrayList<>();
        for (Near k : near) {
            double c = k.cosine();
            if (c >= SUGGEST_COSINE && c < SAME_COSINE && !closeStrings(key, k.nameKey())) {
                suggestions.add(k.id());
                continue;
            }
            if (c >= SUGGEST_COSINE && (best == null || c > best.cosine())) {
                best = k;
            }
        }
        if (best != null) {
            return new Resolution(best.id(), Method.EMBEDDING, best.cosine(), List.of());
        }
        return Resolution.fresh(suggestions);
    }

    static boolean closeStrings(String a, String b) {
        return jaroWinkler(a, b) >= SAME_JARO_WINKLER && tokenJaccard(a, b) >= SAME_JACCARD;
    }

    /** Shared words over all words of the two keys. */
    static double tokenJaccard(String a, String b) {
        Set<String> x = new HashSet<>(Arrays.asList(a.split(" ")));
        Set<String> y = new HashSet<>(Arrays.asList(b.split(" ")));
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return union.isEmpty() ? 0 : (double) x.size() / union.size();
    }

    /** Jaro-Winkler similarity with the usual prefix scale 0.1 over at most four characters. */
    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
        boolean[] aMatched = new boolean[a.length()];
        boolean[] bMatched = new boolean[b.length()];
        int matches = 0;
        for (int i = 0; i < a.length(); i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(b.length() - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!bMatched[j] && a.charAt(i) == b.charAt(j)) {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        int j = 0;
        for (int i = 0; i < a.length(); i++) {
            if (aMatched[i]) {
                while (!bMatched[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / a.length() + m / b.length() + (m - transpositions / 2.0) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(a.length(), b.length())) && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
