package dev.engram.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Profile traits from what a user says about themselves, offline: "I always prefer meetings before 10am" is a
 * scheduling preference, "my manager Dana" a relationship, "I never eat meat" a dislike. Only first-person
 * statements count: questions, conditionals ("if I prefer ...") and what others prefer yield nothing. "Always",
 * "never" and "prefer" are sure (0.85), the rest likely (0.75), and each hedge ("maybe", "I think", "sometimes")
 * costs 0.2; below 0.6 nothing is proposed.
 */
final class TraitRules {

    static final double SURE = 0.85;
    static final double LIKELY = 0.75;
    static final double HEDGE = 0.2;
    static final double FLOOR = 0.6;

    private static final Pattern SENTENCE = Pattern.compile("[^.!?;\\n]+[.!?;]?");
    /** Where a sentence starts a new first-person clause: "I work as a nurse and I love hiking". */
    private static final Pattern CLAUSE_BREAK = Pattern.compile("(?i),?\\s+(?:and|but|so|while)\\s+(?=(?:i|i'm|i’m)\\s)");
    private static final Pattern QUESTION_OPENING = Pattern.compile("(?i)^(?:do|does|did|would|should|could|can|will"
            + "|is|are|am|what|which|who|why|how|when|where)\\b");
    private static final Pattern CONDITIONAL = Pattern.compile("(?i)^(?:if|unless|when|whenever|once|in case|suppose"
            + "|assuming)\\b|\\b(?:if|unless)\\s+i\\b");
    private static final Pattern HEDGES = Pattern.compile("(?i)\\b(?:maybe|perhaps|i think|i guess|i suppose|sometimes"
            + "|probably|kind of|sort of|might|not sure)\\b");
    private static final String LEAD = "(?:^|\\b(?:and|but|so|also|honestly|really|actually|personally|maybe|perhaps"
            + "|probably|i think|i guess|i suppose),?\\s+)";
    private static final String I = LEAD + "i\\s+";
    private static final String I_OR_I_AM = LEAD + "(?:i\\s+am\\s+|i'm\\s+|i’m\\s+|i\\s+)";
    /**
     * Each shape's group "object" is the rest of the clause; group "sure" holds the word that makes it certain. The
     * dislike comes first: "I don't like X" is a dislike, not a negated preference.
     */
    private static final List<Shape> SHAPES = List.of(
            new Shape("dislike", Pattern.compile("(?i)" + I + "(?:(?<sure>never)\\s+(?:\\w+\\s+)?|(?:really\\s+)?(?:hate"
                    + "|dislike|can't stand|can’t stand|avoid)\\s+|(?:don't|don’t|do not)\\s+(?:really\\s+)?(?:like"
                    + "|enjoy)\\s+)(?<object>.+)"), true),
            new Shape("preference", Pattern.compile("(?i)" + I + "(?:(?<sure>always|prefer|usually prefer|would rather"
                    + "|'d rather|’d rather)(?:\\s+prefer)?\\s+|like\\s+(?:to\\s+)?)(?<object>.+)"), true),
            new Shape("interest", Pattern.compile("(?i)" + I_OR_I_AM + "(?:interested\\s+in|into|passionate\\s+about"
                    + "|love|enjoy|adore)\\s+(?<object>.+)"), false),
            new Shape("skill", Pattern.compile("(?i)" + I_OR_I_AM + "(?:(?:really\\s+)?good\\s+at|skilled\\s+(?:at|in)"
                    + "|fluent\\s+in|an?\\s+expert\\s+(?:at|in|on)|work\\s+as|worked\\s+as)\\s+(?<object>.+)"), false));
    private static final Pattern RELATIONSHIP = Pattern.compile("\\b(?i:my)\\s+(?<role>(?i:manager|boss|wife|husband"
            + "|partner|colleague|coworker|co-worker|friend|best friend|brother|sister|mother|mom|mum|father|dad|son"
            + "|daughter|mentor|team lead|assistant|doctor|landlord|roommate|cofounder|co-founder|client))(?:,|\\s+is)?"
            + "\\s+(?<name>\\p{Lu}\\p{Ll}+(?:\\s\\p{Lu}\\p{Ll}+)?)");
    private static final Pattern NEGATED = Pattern.compile("(?i)\\b(?:don't|don’t|do not|doesn't|didn't|no longer"
            + "|not)\\s+(?:really\\s+)?(?:prefer|always|love|enjoy|like|interested|good)\\b");
    private static final Map<String, Set<String>> SUBCATEGORIES = Map.of(
            "scheduling", words("morning mornings evening evenings afternoon afternoons meeting meetings calendar "
                    + "schedule weekend weekends early late am pm monday tuesday wednesday thursday friday saturday "
                    + "sunday time times hours deadline deadlines"),
            "communication", words("email emails call calls phone slack text texts message messages chat video "
                    + "zoom written writing face-to-face async updates"),
            "food", words("food coffee tea meat vegetarian vegan lunch dinner breakfast sushi pizza spicy sugar "
                    + "eat eating cook cooking restaurant restaurants wine beer"),
            "tools", words("python java excel notion jira vim emacs linux mac windows tool tools app apps editor "
                    + "spreadsheet spreadsheets figma git github docker kotlin rust sql"),
            "work_style", words("remote office focus alone team teams pair pairing deep work planning plans detail "
                    + "details autonomy feedback structure flexible multitasking"));
    private static final Set<String> KEY_STOPWORDS = words("a an the my to of in on at for with and or it them "
            + "that this those these some any very really much more most being be have having do doing");

    private TraitRules() {
    }

    /** The traits {@code message} states about its writer, in the order it states them. */
    public static List<ProfileTrait> find(String message) {
        List<ProfileTrait> out = new ArrayList<>();
        if (message == null) {
            return out;
        }
        Matcher sentences = SENTENCE.matcher(message);
        while (sentences.find()) {
            String sentence = sentences.group().strip();
            if (sentence.isEmpty() || sentence.endsWith("?") || QUESTION_OPENING.matcher(sentence).find()
                    || CONDITIONAL.matcher(sentence).find()) {
                continue;
            }
            int hedges = (int) HEDGES.matcher(sentence).results().count();
            Matcher relation = RELATIONSHIP.matcher(sentence);
            while (relation.find()) {
                String role = relation.group("role").toLowerCase(Locale.ROOT);
                add(out, "relationship", role + ": " + relation.group("name"), "relationship:" + role + ":"
                        + relation.group("name").toLowerCase(Locale.ROOT), LIKELY, hedges, sentence);
            }
            for (String clause : CLAUSE_BREAK.split(sentence)) {
                clause(out, clause, hedges, sentence);
            }
        }
        return out;
    }

    /** At most one trait from one clause: the first shape that reads it. */
    private static void clause(List<ProfileTrait> out, String clause, int hedges, String sentence) {
        boolean negated = NEGATED.matcher(clause).find();
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern().matcher(clause);
            if (m.find()) {
                // "I don't really enjoy X" states no interest; the dislike shapes carry their own negation.
                if (negated && !shape.category().equals("dislike")) {
                    return;
                }
                String object = object(m.group("object"));
                if (!object.isEmpty()) {
                    add(out, shape.category(), object, key(object),
                            shape.certain() && m.group("sure") != null ? SURE : LIKELY, hedges, sentence);
                }
                return;
            }
        }
    }

    private static void add(List<ProfileTrait> out, String category, String trait, String key, double base, int hedges,
            String sentence) {
        double confidence = Math.round((base - HEDGE * hedges) * 100) / 100.0;
        if (confidence >= FLOOR) {
            out.add(new ProfileTrait(category, subcategory(trait), trait, key, confidence, sentence));
        }
    }

    /** The object of the clause: up to the next clause break, without trailing punctuation. */
    private static String object(String rest) {
        String clause = rest.split("(?i),\\s+(?:but|and|so|because|though|although)\\b|\\s+(?:but|because|though)\\s+")[0];
        return clause.replaceAll("[\\s.!;:,]+$", "").strip();
    }

    /** Lower-case content words in order: "Meetings before 10am" and "meetings before 10am." share a key. */
    static String key(String trait) {
        return Arrays.stream(trait.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty() && !KEY_STOPWORDS.contains(w)).collect(Collectors.joining(" "));
    }

    static String subcategory(String trait) {
        Set<String> words = Set.of(trait.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+"));
        for (String name : List.of("scheduling", "communication", "food", "tools", "work_style")) {
            if (words.stream().anyMatch(SUBCATEGORIES.get(name)::contains)
                    || name.equals("scheduling") && trait.matches("(?i).*\\b\\d{1,2}(?::\\d{2})?\\s?(?:am|pm)\\b.*")) {
                return name;
            }
        }
        return "other";
    }

    private static Set<String> words(String list) {
        return Set.of(list.split("\\s+"));
    }

    /** {@code certain}: the pattern has a group "sure" whose words make the trait certain. */
    private record Shape(String category, Pattern pattern, boolean certain) {
    }
}
