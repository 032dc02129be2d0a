package dev.engram.extract.rules;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The date vocabulary: patterns that find candidate phrases, and parsing of fully explicit dates. */
final class DatePhrases {

    static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String WEEKDAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String COUNT = "(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few)";
    private static final String ORD = "(?:st|nd|rd|th)?";

    /** Candidate phrases, longest alternatives first. Group "lead" holds a preceding deadline word. */
    static final Pattern CANDIDATE = Pattern.compile("(?i)(?:\\b(?<lead>by|due(?: on| by)?|before|until|till|no later than|deadline:?)\\s+)?\\b(?<phrase>"
            + "\\d{4}-\\d{2}-\\d{2}"
            + "|" + MONTH + "\\s+\\d{1,2}" + ORD + "(?:,?\\s+\\d{4})?(?!\\d)"
            + "|\\d{1,2}" + ORD + "\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?"
            + "|\\d{1,2}/\\d{1,2}/\\d{2,4}"
            + "|(?:(?:next|this|coming)\\s+)?" + WEEKDAY
            + "|today|tomorrow|tonight|eod|cob|eow|eom|eoq|eoy"
            + "|end of (?:the |this |next )?(?:day|week|month|quarter|year)"
            + "|(?:next|this) (?:week|month|quarter|year)"
            + "|in " + COUNT + " (?:days?|weeks?|months?)"
            + "|(?:early|mid|late|end of)[- ]" + MONTH + "(?:\\s+\\d{4})?"
            + "|[qh][1-4](?:\\s+\\d{4}|\\s*'\\d{2}|\\s+fy\\d{2})?"
            + "|(?<=\\b(?:in|by|during|until|before|for) )" + MONTH + "(?:\\s+\\d{4})?"
            + ")\\b");

    private static final Pattern EXPLICIT = Pattern.compile("(?i)\\b(?:(\\d{4})-(\\d{2})-(\\d{2})"
            + "|(" + MONTH + ")\\s+(\\d{1,2})" + ORD + ",?\\s+(\\d{4})"
            + "|(\\d{1,2})" + ORD + "\\s+(" + MONTH + "),?\\s+(\\d{4})"
            + "|(\\d{1,2})/(\\d{1,2})/(\\d{4}))\\b");

    private DatePhrases() {
    }

    /** The first fully explicit date (with a year) in {@code text}, as a document-date anchor. */
    static Optional<LocalDate> firstExplicitDate(String text) {
        Matcher m = EXPLICIT.matcher(text);
        while (m.find()) {
            Optional<LocalDate> date = explicit(m);
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> explicit(Matcher m) {
        try {
            if (m.group(1) != null) {
                return Optional.of(LocalDate.of(num(m.group(1)), num(m.group(2)), num(m.group(3))));
            }
            if (m.group(4) != null) {
                return Optional.of(LocalDate.of(num(m.group(6)), month(m.group(4)), num(m.group(5))));
            }
            if (m.group(7) != null) {
                return Optional.of(LocalDate.of(num(m.group(9)), month(m.group(8)), num(m.group(7))));
            }
            return Optional.of(LocalDate.of(num(m.group(12)), num(m.group(10)), num(m.group(11))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The month a name or abbreviation stands for ("Feb", "sept.", "March"). */
    static int month(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace(".", "");
        for (Month m : Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.startsWith(key.length() >= 3 ? key.substring(0, 3) : key)) {
                return m.getValue();
            }
        }
        throw new java.time.DateTimeException("not a month: " + name);
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }
}
