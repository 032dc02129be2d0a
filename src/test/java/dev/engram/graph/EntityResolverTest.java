package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.extract.EntityType;
import dev.engram.graph.EntityResolver.Known;
import dev.engram.graph.EntityResolver.Method;
import dev.engram.graph.EntityResolver.Resolution;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntityResolverTest {

    private static UUID id(long n) {
        return new UUID(0, n);
    }

    private static Known known(long n, EntityType type, String name, float[] embedding, String... aliases) {
        Set<String> keys = new java.util.HashSet<>();
        for (String a : aliases) {
            keys.add(NameKey.of(type, a));
        }
        return new Known(id(n), type, name, NameKey.of(type, name), keys, embedding);
    }

    @Test
    void fourSpellingsOfOneAcronymAreOneEntity() {
        Known dgia = known(1, EntityType.ORGANIZATION, "DGIA", null);
        for (String spelling : List.of("DGIA", "dgia", "D.G.I.A.", "D G I A")) {
            Resolution r = EntityResolver.resolve(EntityType.ORGANIZATION, spelling, null, List.of(dgia), List.of());
            assertThat(r.id()).as(spelling).isEqualTo(id(1));
            assertThat(r.method()).isEqualTo(Method.EXACT);
        }
    }

    @Test
    void legalFormsAndAcronymsResolveToTheSameOrganization() {
        Known ibm = known(7, EntityType.ORGANIZATION, "International Business Machines Corporation", null);
        assertThat(EntityResolver.resolve(EntityType.ORGANIZATION, "IBM", null, List.of(ibm), List.of()).id())
                .isEqualTo(id(7));
        Known acme = known(8, EntityType.ORGANIZATION, "Acme Corp", null, "Acme Widgets");
        assertThat(EntityResolver.resolve(EntityType.ORGANIZATION, "ACME, Inc.", null, List.of(acme), List.of())
                .method()).isEqualTo(Method.EXACT);
        assertThat(EntityResolver.resolve(EntityType.ORGANIZATION, "Acme Widgets", null, List.of(acme), List.of())
                .method()).isEqualTo(Method.ALIAS);
    }

    @Test
    void typesNeverMerge() {
        Known acmePlace = known(3, EntityType.PLACE, "Acme", null);
        assertThat(EntityResolver.resolve(EntityType.ORGANIZATION, "Acme", null, List.of(acmePlace), List.of()).id())
                .isNull();
    }

    @Test
    void aLoneFirstNameJoinsTheOnlyPersonOfTheJobWithIt() {
        Known john = known(4, EntityType.PERSON, "John Smith", null);
        Known sarah = known(5, EntityType.PERSON, "Sarah Lee", null);
        Resolution r = EntityResolver.resolve(EntityType.PERSON, "John", null, List.of(), List.of(john, sarah));
        assertThat(r.id()).isEqualTo(id(4));
        assertThat(r.method()).isEqualTo(Method.NAME_PREFIX);
    }

    @Test
    void aLoneFirstNameSharedByTwoPeopleJoinsNeither() {
        Known smith = known(4, EntityType.PERSON, "John Smith", null);
        Known doe = known(6, EntityType.PERSON, "John Doe", null);
        assertThat(EntityResolver.resolve(EntityType.PERSON, "John", null, List.of(), List.of(smith, doe)).id())
                .isNull();
    }

    @Test
    void veryCloseEmbeddingsMergeAndBorderlineOnesNeedCloseNamesElseAreSuggested() {
        float[] base = {1, 0, 0};
        Known alpha = known(9, EntityType.PROJECT, "Project Phoenix Rewrite", base);
        // cosine 0.995: the same.
        Resolution same = EntityResolver.resolve(EntityType.PROJECT, "Phoenix rewrite", new float[] {1, 0.1f, 0},
                List.of(alpha), List.of());
        assertThat(same.id()).isEqualTo(id(9));
        assertThat(same.method()).isEqualTo(Method.EMBEDDING);
        // cosine about 0.85 with a different name: suggested, not merged.
        Resolution borderline = EntityResolver.resolve(EntityType.PROJECT, "Falcon", new float[] {1, 0.62f, 0},
                List.of(alpha), List.of());
        assertThat(borderline.id()).isNull();
        assertThat(borderline.suggestions()).containsExactly(id(9));
        // cosine about 0.85 with a near-identical name (Jaro-Winkler 0.99, half the words shared): merged.
        Resolution typo = EntityResolver.resolve(EntityType.PROJECT, "Project Phoenix Rewrites", new float[] {1, 0.62f, 0},
                List.of(alpha), List.of());
        assertThat(typo.id()).isEqualTo(id(9));
    }

    @Test
    void jaroWinklerMatchesTheTextbookFigures() {
        assertThat(EntityResolver.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(EntityResolver.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(0.001));
        assertThat(EntityResolver.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
        assertThat(EntityResolver.jaroWinkler("abc", "xyz")).isZero();
    }
}
