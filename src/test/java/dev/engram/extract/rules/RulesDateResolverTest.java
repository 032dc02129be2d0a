package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RulesDateResolverTest {

    /** Monday 15 January 2024. */
    private static final LocalDate ANCHOR = LocalDate.of(2024, 1, 15);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Sarah to prepare market research by Feb 1.      | 2024-02-01 | 2024-02-01 | true",
        "Let's regroup next Friday.                      | 2024-01-26 | 2024-01-26 | false",
        "Ship it in two weeks.                           | 2024-01-29 | 2024-01-29 | false",
        "Close the books by end of month.                | 2024-01-31 | 2024-01    | ",
        "Report due next Tuesday.                        | 2024-01-23 | 2024-01-23 | true",
        "Finish the draft by EOW.                        | 2024-01-19 | 2024-01-19 | true",
        "Expand to Europe in Q2.                         | 2024-04-01 | Q2         | false",
        "Hiring must be done by Q2.                      | 2024-06-30 | Q2         | true",
        "Pilot starts in early March.                    | 2024-03-05 | 2024-03    | ",
        "Send it tomorrow.                               | 2024-01-16 | 2024-01-16 | false",
        "Kickoff on 2024-03-18.                          | 2024-03-18 | 2024-03-18 | false",
        "Board meeting on March 3rd, 2025.               | 2025-03-03 | 2025-03-03 | false"
    })
    void resolvesPhrasesAgainstTheAnchor(String sentence, String date, String timeline, String deadline) {
        List<DateMention> found = new DateResolver(ANCHOR).find(sentence);
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).iso()).isEqualTo(date);
        assertThat(found.get(0).timeline()).isEqualTo(timeline);
        if (deadline != null) {
            assertThat(found.get(0).deadline()).isEqualTo(Boolean.parseBoolean(deadline));
        }
    }

    @Test
    void deadlineWithoutYearThatWouldBePastRollsIntoNextYear() {
        List<DateMention> found = new DateResolver(LocalDate.of(2024, 12, 10)).find("Renew the domain by Jan 10.");
        assertThat(found).singleElement().satisfies(d -> assertThat(d.iso()).isEqualTo("2025-01-10"));
    }

    @Test
    void passedQuarterMeansNextYearsQuarter() {
        List<DateMention> found = new DateResolver(LocalDate.of(2024, 11, 5)).find("Launch in Q1.");
        assertThat(found).singleElement().satisfies(d -> assertThat(d.iso()).isEqualTo("2025-01-01"));
    }

    @Test
    void anchorIsTheReferenceDateWhenGiven() {
        assertThat(DateResolver.anchorFor(ANCHOR, "Notes - Mar 3, 2023", ZoneOffset.UTC)).isEqualTo(ANCHOR);
    }

    @Test
    void anchorFallsBackToTheFirstExplicitDateInTheText() {
        assertThat(DateResolver.anchorFor(null, "Meeting notes — Jan 15, 2024\nRevenue up 15%.", ZoneOffset.UTC))
                .isEqualTo(ANCHOR);
        assertThat(DateResolver.anchorFor(null, "Standup 15 January 2024", ZoneOffset.UTC)).isEqualTo(ANCHOR);
    }

    @Test
    void anchorFallsBackToTodayInTheUsersZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(DateResolver.anchorFor(null, "No dates in here.", tokyo)).isEqualTo(LocalDate.now(tokyo));
    }

    @Test
    void wordsThatAreNotDatesResolveToNothing() {
        assertThat(new DateResolver(ANCHOR).find("We may revisit the March madness idea, sometime.")).isEmpty();
        assertThat(new DateResolver(ANCHOR).find("Revenue up 15% compared to last quarter.")).isEmpty();
    }
}
