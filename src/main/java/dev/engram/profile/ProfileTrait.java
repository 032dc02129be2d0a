package dev.engram.profile;

/**
 * One thing a user said about themselves, before it is merged into their profile.
 *
 * @param category        preference, interest, skill, relationship or dislike
 * @param subcategory     scheduling, communication, food, tools, work_style or other
 * @param trait           what the trait is about, in the user's words ("meetings before 10am")
 * @param traitKey        the trait's identity for merging: like and dislike of one object share it
 * @param confidence      between 0.6 and 0.85; lower ones are never proposed
 * @param supportingText  the sentence of the message that says so, verbatim
 */
record ProfileTrait(String category, String subcategory, String trait, String traitKey, double confidence,
        String supportingText) {
}
