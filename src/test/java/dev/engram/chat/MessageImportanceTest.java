package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageImportanceTest {

    @ParameterizedTest(name = "small talk: {0}")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "thanks!", "Thank you so much!", "hi", "Good morning!", "ok 👍", "👍🎉", "lol",
            "Got it, thanks", "Sounds good", "ok thanks, see you later", "Good night!", "Yes, agreed."})
    void smallTalkIsWorthNothing(String message) {
        assertThat(MessageImportance.score(message)).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            The weather is nice.                                              | 0.2
            What time is it?                                                  | 0.2
            I'm not sure?                                                     | 0.2
            haha that's great                                                 | 0.2
            I like jazz.                                                      | 0.45
            I hate early flights                                              | 0.45
            Do I need to bring anything?                                      | 0.4
            The invoice total is 4,200 dollars.                               | 0.35
            Call me at 555-0100.                                              | 0.35
            email me at ana@example.com                                       | 0.35
            Deadline for the grant is March 3                                 | 0.55
            My manager Dana reviews budgets on Mondays.                       | 0.6
            i need to finish the report                                       | 0.65
            Sarah will send budget draft 3 by Friday.                         | 0.65
            Can you remind me to call Bob tomorrow?                           | 0.65
            Let's meet at 3pm on Thursday with Priya and Tom from the design team | 0.65
            We'll ship the beta next week and I'll write the release notes.   | 0.75
            I always prefer meetings before 10am.                             | 0.8
            We decided to go with Postgres.                                   | 0.8
            """)
    void eachSignalAddsItsShare(String message, double expected) {
        assertThat(MessageImportance.score(message)).isEqualTo(expected);
    }

    @Test
    void aFirstPersonQuestionIsNotAStatement() {
        assertThat(MessageImportance.score("I wonder if we should move?"))
                .isLessThan(MessageImportance.score("I wonder if we should move."));
    }

    @Test
    void theScoreNeverPassesOne() {
        assertThat(MessageImportance.score("I decided that Maria will own the 2025 budget review starting Monday, "
                + "and we agreed on 12 milestones.")).isLessThanOrEqualTo(1.0).isEqualTo(0.9);
    }
}
