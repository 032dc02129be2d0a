package dev.engram.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraitRulesTest {

    @Test
    void anAlwaysPreferenceAboutTimeIsASureSchedulingPreference() {
        List<ProfileTrait> out = TraitRules.find("I always prefer meetings before 10am.");
        assertThat(out).extracting(ProfileTrait::category, ProfileTrait::subcategory, ProfileTrait::trait,
                ProfileTrait::confidence).containsExactly(tuple("preference", "scheduling", "meetings before 10am", 0.85));
        assertThat(out.get(0).supportingText()).isEqualTo("I always prefer meetings before 10am.");
    }

    @Test
    void eachCategoryFromItsOwnWords() {
        assertThat(TraitRules.find("I'm interested in urban gardening. I'm good at Python. I hate cold calls."))
                .extracting(ProfileTrait::category, ProfileTrait::trait, ProfileTrait::confidence)
                .containsExactly(tuple("interest", "urban gardening", 0.75), tuple("skill", "Python", 0.75),
                        tuple("dislike", "cold calls", 0.75));
        assertThat(TraitRules.find("I work as a nurse and I love hiking")).extracting(ProfileTrait::category,
                ProfileTrait::trait).containsExactly(tuple("skill", "a nurse"), tuple("interest", "hiking"));
    }

    @Test
    void neverIsASureDislikeOfTheObjectNotTheVerb() {
        assertThat(TraitRules.find("I never eat meat.")).extracting(ProfileTrait::category, ProfileTrait::trait,
                ProfileTrait::subcategory, ProfileTrait::confidence).containsExactly(tuple("dislike", "meat", "food", 0.85));
    }

    @Test
    void negationTurnsALikeIntoADislikeAndAnInterestIntoNothing() {
        assertThat(TraitRules.find("I don't like long email threads.")).extracting(ProfileTrait::category,
                ProfileTrait::subcategory).containsExactly(tuple("dislike", "communication"));
        assertThat(TraitRules.find("I'm not interested in crypto.")).isEmpty();
        assertThat(TraitRules.find("I don't really enjoy karaoke.")).extracting(ProfileTrait::category)
                .containsExactly("dislike");
    }

    @Test
    void likeAndDislikeOfOneObjectShareTheirKey() {
        ProfileTrait like = TraitRules.find("I love sushi!").get(0);
        ProfileTrait dislike = TraitRules.find("Honestly, I hate the sushi.").get(0);
        assertThat(like.traitKey()).isEqualTo("sushi").isEqualTo(dislike.traitKey());
    }

    @Test
    void eachHedgeCostsAFifthAndTooUnsureIsDropped() {
        assertThat(TraitRules.find("Maybe I prefer tea.")).extracting(ProfileTrait::confidence).containsExactly(0.65);
        assertThat(TraitRules.find("I think I like jazz.")).isEmpty();
        assertThat(TraitRules.find("Maybe I think I always prefer tea.")).isEmpty();
    }

    @Test
    void relationshipsNameThePerson() {
        assertThat(TraitRules.find("My manager Dana reviews budgets on Mondays, and my wife, Ana, cooks."))
                .extracting(ProfileTrait::category, ProfileTrait::trait, ProfileTrait::traitKey)
                .containsExactly(tuple("relationship", "manager: Dana", "relationship:manager:dana"),
                        tuple("relationship", "wife: Ana", "relationship:wife:ana"));
    }

    @ParameterizedTest(name = "nothing from: {0}")
    @ValueSource(strings = {"Do I prefer tea?", "Would I like that", "If I prefer mornings, we should move it.",
            "Unless I hate it, let's keep it.", "She always prefers mornings.", "Sarah loves hiking.",
            "They never eat meat.", "What do I enjoy most?", "", "   "})
    void questionsConditionalsAndOthersYieldNothing(String message) {
        assertThat(TraitRules.find(message)).isEmpty();
    }

    @Test
    void nullYieldsNothing() {
        assertThat(TraitRules.find(null)).isEmpty();
    }

    @Test
    void theObjectEndsWithItsClause() {
        assertThat(TraitRules.find("I prefer Slack, but email is fine for contracts.")).extracting(ProfileTrait::trait,
                ProfileTrait::subcategory).containsExactly(tuple("Slack", "communication"));
    }
}
