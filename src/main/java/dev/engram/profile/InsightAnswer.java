package dev.engram.profile;

import java.util.List;

/**
 * What the {@code openai} insight provider answers, by JSON schema.
 *
 * @param insights what the user's messages say about the user
 */
public record InsightAnswer(List<Item> insights) {

    /**
     * One trait.
     *
     * @param trait          what it is about, in the user's words ("meetings before 10am")
     * @param category       preference, interest, skill, relationship or dislike
     * @param subcategory    scheduling, communication, food, tools, work_style or other
     * @param confidence     between 0 and 1
     * @param supportingText the words of the message that say so, copied exactly
     * @param messageId      the id of that message
     */
    public record Item(String trait, String category, String subcategory, Double confidence, String supportingText,
            String messageId) {
    }
}
