package dev.engram.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The attendee lists that public minutes open with, in the shapes their scribes write them. */
class RosterTest {

    @Test
    void aListUnderAnAttendeesHeadingNamesEachPersonWithoutTheirAffiliation() {
        List<String> names = Roster.of("""
                # SPDX Legal Team meeting

                ## Attendees

                * Kate Stewart (LF)
                * **Artem Tanriverdiev** - Microsoft
                * [Alexios Zavras](https://example.org/az), Intel
                * Jilayne Lovejoy

                ## Agenda

                * Review the License List
                """);
        assertThat(names).containsExactly("Kate Stewart", "Artem Tanriverdiev", "Alexios Zavras", "Jilayne Lovejoy");
    }

    @Test
    void aLabelWithNamesAfterItAndInitialsInParenthesesAreRead() {
        assertThat(Roster.of("**Present:** Sarah Chen (SC), Mark Li and Jordan Harband (JHD)\n\nNotes follow."))
                .containsExactly("Sarah Chen", "SC", "Mark Li", "Jordan Harband", "JHD");
    }

    @Test
    void handlesAndLowerCaseLoginsAreNamesToo() {
        assertThat(Roster.of("Participants:\n- @nzakas\n- mdjermanovic\n- Brandon Mills\n"))
                .containsExactly("nzakas", "mdjermanovic", "Brandon Mills");
    }

    @Test
    void theListEndsWhereTheProseOrTheNextSectionBegins() {
        List<String> names = Roster.of("""
                Attendees:
                - Niko Matsakis
                - Josh Triplett

                We discussed the Roadmap.
                - Release Notes
                """);
        assertThat(names).containsExactly("Niko Matsakis", "Josh Triplett");
    }

    @Test
    void itemsThatAreNotNamesAndDocumentsWithoutAListGiveNoOne() {
        assertThat(Roster.of("## Attendees\n\n* \n* (none recorded)\n* see the wiki page for the full list\n"))
                .isEmpty();
        assertThat(Roster.of("## Agenda\n\n* Kate Stewart to present\n* Release Planning\n")).isEmpty();
        assertThat(Roster.of("")).isEmpty();
    }

    @Test
    void aMemberDirectoryStopsAtTheCap() {
        String list = IntStream.range(0, 500).mapToObj(i -> "* Member " + (char) ('A' + i / 26) + (char) ('a' + i % 26) + "son")
                .collect(Collectors.joining("\n"));
        assertThat(Roster.of("## Attendees\n" + list)).hasSize(Roster.MAX_NAMES);
    }

    @Test
    void firstNamesJoinTheFullNamesButNotInitialsOrTitles() {
        assertThat(Roster.withFirstNames(List.of("Kate Stewart", "Dr. Who", "JHD", "nzakas")))
                .containsExactly("Kate Stewart", "Dr. Who", "JHD", "nzakas", "Kate");
    }
}
