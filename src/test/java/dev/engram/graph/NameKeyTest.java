package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.EntityType;
import org.junit.jupiter.api.Test;

class NameKeyTest {

    @Test
    void legalFormsAndCaseDoNotMakeAnotherOrganization() {
        assertThat(NameKey.of(EntityType.ORGANIZATION, "Acme Corp")).isEqualTo("acme");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "ACME Corporation")).isEqualTo("acme");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "Acme, Inc.")).isEqualTo("acme");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "The Acme Company Ltd")).isEqualTo("acme");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "Siemens AG")).isEqualTo("siemens");
    }

    @Test
    void aLegalFormAloneIsKeptSinceItIsTheWholeName() {
        assertThat(NameKey.of(EntityType.ORGANIZATION, "Group")).isEqualTo("group");
    }

    @Test
    void honorificsSuffixesAndAccentsDoNotMakeAnotherPerson() {
        assertThat(NameKey.of(EntityType.PERSON, "Dr. José Núñez")).isEqualTo("jose nunez");
        assertThat(NameKey.of(EntityType.PERSON, "Jose Nunez Jr.")).isEqualTo("jose nunez");
        assertThat(NameKey.of(EntityType.PERSON, "O'Brien")).isEqualTo("obrien");
    }

    @Test
    void honorificsAreOnlyDroppedForPersons() {
        assertThat(NameKey.of(EntityType.PLACE, "Mt. Dr Smith")).isEqualTo("mt dr smith");
        assertThat(NameKey.of(EntityType.PERSON, "Sir")).isEqualTo("sir");
    }

    @Test
    void spelledOutInitialsReadAsTheAcronym() {
        assertThat(NameKey.of(EntityType.ORGANIZATION, "D.G.I.A.")).isEqualTo("dgia");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "DGIA")).isEqualTo("dgia");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "dgia")).isEqualTo("dgia");
        assertThat(NameKey.of(EntityType.ORGANIZATION, "D G I A")).isEqualTo("dgia");
    }

    @Test
    void fullWidthAndLigatureFormsFoldToTheirPlainLetters() {
        assertThat(NameKey.of(EntityType.PRODUCT, "Ｅｎｇｒａｍ")).isEqualTo("engram");
        assertThat(NameKey.of(EntityType.PRODUCT, "ﬁnder")).isEqualTo("finder");
    }

    @Test
    void acronymsOfSeveralWordNamesForOrganizationsOnly() {
        assertThat(NameKey.acronym(EntityType.ORGANIZATION, "International Business Machines Corp."))
                .isEqualTo("ibm");
        assertThat(NameKey.acronym(EntityType.ORGANIZATION, "Bank of America")).isEqualTo("ba");
        assertThat(NameKey.acronym(EntityType.ORGANIZATION, "Acme")).isNull();
        assertThat(NameKey.acronym(EntityType.PERSON, "Alice Chen")).isNull();
    }

    @Test
    void nothingLeftIsAnEmptyKey() {
        assertThat(NameKey.of(EntityType.PERSON, "...")).isEmpty();
        assertThat(NameKey.of(EntityType.PERSON, null)).isEmpty();
    }
}
