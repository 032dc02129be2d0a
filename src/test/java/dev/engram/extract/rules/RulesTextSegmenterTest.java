package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTextSegmenterTest {

    private final TextSegmenter segmenter = new TextSegmenter(new NlpSession());

    @Test
    void bulletsAndLineBreaksEndStatementsWithoutFullStops() {
        List<Sentence> out = segmenter.segment("Action items\n- Priya to write the runbook\n- Tom to review it\n");
        assertThat(out).extracting(Sentence::text)
                .containsExactly("Action items", "Priya to write the runbook", "Tom to review it");
        assertThat(out).extracting(Sentence::kind)
                .containsExactly(LineKind.HEADING, LineKind.BULLET, LineKind.BULLET);
        assertThat(out.get(1).section()).isEqualTo("action items");
    }

    @Test
    void checkboxesAreReadAndStripped() {
        List<Sentence> out = segmenter.segment("- [ ] @mike update the deck by Friday\n- [x] send invites\n[ ] book room");
        assertThat(out).extracting(Sentence::text)
                .containsExactly("@mike update the deck by Friday", "send invites", "book room");
        assertThat(out).extracting(Sentence::kind)
                .containsExactly(LineKind.OPEN_CHECKBOX, LineKind.DONE_CHECKBOX, LineKind.OPEN_CHECKBOX);
    }

    @Test
    void emphasisAroundADirectiveIsMarkupNotPartOfItsVerb() {
        List<Sentence> out = segmenter.segment("> ***check pubrules on streaming note (Gregg Kellogg)***\n"
                + "- **Keep style** as it is\n- ***The streaming note is ready***\n");
        assertThat(out).extracting(SentenceFeatures::imperative).containsExactly(true, true, false);
    }

    @Test
    void emphasisMarkersAreTokensOfTheirOwnSoANameInBoldIsTaggedAsOne() {
        Sentence s = segmenter.segment("- **Elf Pavlik** will create a thread\n").get(0);
        assertThat(s.token(1)).isEqualTo("Elf");
        assertThat(s.tag(1)).isEqualTo("PROPN");
        assertThat(s.token(3)).isEqualTo("**");
    }

    @Test
    void aQuestionInBracketsOrEmphasisIsOneAHedgeAfterAStatementIsNot() {
        List<Sentence> out = segmenter.segment("(approved or tabled?)\n\n**Ready to merge?**\n\nMerge in two weeks (?)\n");
        assertThat(out).extracting(Sentence::isQuestion).containsExactly(true, true, false);
    }

    @Test
    void htmlTagsOnALineOfTheirOwnEndTheStatementAndSayNothing() {
        List<Sentence> out = segmenter.segment("* HZ: the trade off is how many documents there are\n<br>\n"
                + "eP to make a PR with the use cases\n\n<details>\n  <summary>More details about the PR</summary>\n"
                + "  <ul>\n    <li>30 days under review.</li>\n  </ul>\n</details>\n<hr/>\n<kimhd> Review the edits.\n");
        assertThat(out).extracting(Sentence::text).containsExactly("the trade off is how many documents there are",
                "eP to make a PR with the use cases", "<summary>More details about the PR</summary>",
                "<li>30 days under review.</li>", "<kimhd> Review the edits.");
    }

    @Test
    void aMiddleInitialAndAnOwnerInParenthesesDoNotEndTheStatement() {
        List<Sentence> out = segmenter.segment("> ***David I. Lehn to update the playground***\n"
                + "> ***create issue for entities within HTML script elements. (Gregg Kellogg)***\n"
                + "Plan B. We ship it. Ask Tom. He knows.\n");
        assertThat(out).extracting(Sentence::text).containsExactly("***David I. Lehn to update the playground***",
                "***create issue for entities within HTML script elements. (Gregg Kellogg)***", "Plan B.",
                "We ship it.", "Ask Tom.", "He knows.");
    }

    @Test
    void wrappedProseLinesJoinIntoOneSentence() {
        String text = "The vendor said the contract\nwould arrive next week. We will check.";
        List<Sentence> out = segmenter.segment(text);
        assertThat(out).extracting(Sentence::text)
                .containsExactly("The vendor said the contract would arrive next week.", "We will check.");
    }

    @Test
    void chatTimestampsAndSpeakersAreCutOffAndRemembered() {
        List<Sentence> out = segmenter.segment("[09:07] sarah.kim: can you update it\n[09:08] @mike: sure thing");
        assertThat(out).extracting(Sentence::text).containsExactly("can you update it", "sure thing");
        assertThat(out).extracting(Sentence::speaker).containsExactly("sarah.kim", "@mike");
    }

    @Test
    void missedBoundaryAfterADateIsSplit() {
        List<Sentence> out = segmenter.segment("Sarah to prepare research by Feb 1. Tom will review it. Dr. Lee agrees.");
        assertThat(out).extracting(Sentence::text)
                .containsExactly("Sarah to prepare research by Feb 1.", "Tom will review it.", "Dr. Lee agrees.");
    }

    @Test
    void fencedCodeIsSkippedEvenWhenTheTextStartsInsideABlock() {
        assertThat(segmenter.segment("Intro line here.\n```json\n{\"a\": 1}\n```\n- Tom to review it\n"))
                .extracting(Sentence::text).containsExactly("Intro line here.", "Tom to review it");
        // A chunk cut inside a block: the first fence closes it, and the prose after it is kept.
        String cut = """
                    "severity": "medium",
                    "to": ["urn:spdx.dev:vex-2"]
                },
                ```
                - Thomas to update the model
                - Jeff and Rose to update the descriptions
                - Alexios to submit the pull requests
                ```
                {"value": "Apache-2.0 AND MIT"}
                """;
        assertThat(segmenter.segment(cut)).extracting(Sentence::text).containsExactly("Thomas to update the model",
                "Jeff and Rose to update the descriptions", "Alexios to submit the pull requests");
    }

    @Test
    void offsetsPointBackIntoTheSource() {
        String text = "# Notes\n\n  - [ ] Ravi to set up alerts\n";
        Sentence item = segmenter.segment(text).get(1);
        assertThat(text.substring(item.start(), item.end())).isEqualTo("Ravi to set up alerts");
    }

    @Test
    void aNestedItemUnderALineWithTrailingSpacesIsAnItemOfItsOwn() {
        String text = "* Artem suggests aligning our terminology with IEC 12207.   \n"
                + "    * Artem to look up prior analysis and share it for further discussion.\n";
        List<Sentence> out = segmenter.segment(text);
        assertThat(out).extracting(Sentence::text).containsExactly(
                "Artem suggests aligning our terminology with IEC 12207.",
                "Artem to look up prior analysis and share it for further discussion.");
        assertThat(out.get(1).kind()).isEqualTo(LineKind.BULLET);
    }
}
