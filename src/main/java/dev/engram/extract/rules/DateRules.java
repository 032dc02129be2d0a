package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates worth remembering: an event with a resolvable day ("The beta launch is March 3", "Board meeting next
 * Thursday"). A sentence with a date but no event word still counts, at a low score, so a caller asking only for
 * dates gets deadlines too. Headings are skipped: their date is the document's own date, used as the anchor.
 */
final class DateRules implements Rule {

    private static final Pattern EVENT = Pattern.compile("(?i)\\b(?<event>meeting|launch|release|deadline|review|offsite"
            + "|off-site|demo|conference|call|kickoff|kick-off|workshop|interview|webinar|summit|presentation|go-live"
            + "|cutover|freeze|code freeze|sprint|standup|retro|retrospective|planning|board meeting|all-hands|town hall"
            + "|party|holiday|vacation|ooo|out of office|trip|visit|appointment|renewal|expir\\w*|ships?|goes live"
            + "|launches|starts|begins|ends|scheduled|event|onsite|training|audit|hearing|wedding|birthday)\\b");
    /** Phrases that point at the writing day itself ("thanks for the call today"), not at an event. */
    private static final Pattern DOCUMENT_DAY = Pattern.compile("(?i)today|tonight|this (?:week|month|year|quarter)");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private static final Pattern EXPLICIT_DAY = Pattern.compile("(?i)\\d|" + DatePhrases.MONTH);

    @Override
    public MemoryType type() {
        return MemoryType.DATE;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        List<Draft> out = new ArrayList<>();
        for (Sentence s : chunk.sentences()) {
            if (s.isHeading() || s.isQuestion() || s.kind() == LineKind.DONE_CHECKBOX) {
                continue;
            }
            List<DateMention> dates = chunk.dates(s).stream()
                    .filter(d -> d.deadline() || !DOCUMENT_DAY.matcher(d.text()).matches()).toList();
            if (dates.isEmpty() || !saysMoreThanTheDate(s.text(), dates.get(0))) {
                continue;
            }
            DateMention first = dates.get(0);
            Matcher event = EVENT.matcher(s.text());
            boolean hasEvent = event.find();
            double base = hasEvent ? (EXPLICIT_DAY.matcher(first.text()).find() ? Confidence.STRUCTURED + 0.05
                    : Confidence.STRUCTURED - 0.05) : Confidence.SOFT;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("date", first.iso());
            meta.put("event", eventName(s, hasEvent ? event : null, first));
            if (!first.timeline().equals(first.iso())) {
                meta.put("timeline", first.timeline());
            }
            List<String> people = chunk.people().in(s);
            if (!people.isEmpty()) {
                meta.put("people", people);
            }
            LeadingLabel label = LeadingLabel.read(s.text());
            out.add(new Draft(MemoryType.DATE, Draft.tidy(label.rest()), Confidence.of(base, s.text(), false, false), meta,
                    s.start() + label.offset(), s.end(), s.index(), List.of(s)));
        }
        return out;
    }

    /** False for lines that are only a date under a label ("Date: July 1, 2024", "Week of 2024-05-06"). */
    private static boolean saysMoreThanTheDate(String text, DateMention date) {
        String rest = LeadingLabel.strip(text.substring(0, date.start()) + " " + text.substring(date.end()))
                .replaceAll("(?i)\\b(?:date|week of|w/c|on|by|due|for|the|until|before|next|this)\\b", " ");
        Matcher words = WORD.matcher(rest);
        int count = 0;
        while (words.find()) {
            count++;
        }
        return count >= 2;
    }

    /** The noun phrase holding the event word, else the sentence's first noun phrase outside the date phrase. */
    private static String eventName(Sentence s, Matcher event, DateMention date) {
        List<NounPhrases.Phrase> phrases = NounPhrases.of(s, 3, false);
        if (event != null) {
            for (NounPhrases.Phrase p : phrases) {
                if (p.start() <= event.start() && event.end() <= p.end()) {
                    return p.text();
                }
            }
            if (!event.group("event").matches("(?i)scheduled|starts|begins|ends|launches|ships?|goes live")) {
                return event.group("event").toLowerCase(Locale.ROOT);
            }
        }
        for (NounPhrases.Phrase p : phrases) {
            if (p.end() <= date.start() || p.start() >= date.end()) {
                return p.text();
            }
        }
        return Draft.tidy(LeadingLabel.strip(s.text())).replaceAll("[.!]$", "");
    }
}
