package dev.engram.extract.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.natty.DateGroup;
import org.natty.Parser;

/**
 * Resolves the date phrases of one chunk against its anchor day.
 *
 * <p>The anchor is the context's reference date, else the first explicit date in the text (a "Meeting notes — Jan
 * 15, 2024" header), else today in the user's zone. Periods planners use (Q2, end of month, EOW, early March) are
 * resolved here; day phrases ("Feb 1", "next Friday", "in two weeks") go to natty. Natty is slow to warm up and keeps
 * parser state, so it only ever sees a short candidate phrase, one call at a time, and answers are cached per chunk.
 */
final class DateResolver {

    private static final ReentrantLock NATTY_LOCK = new ReentrantLock();
    private static final Parser NATTY = new Parser(TimeZone.getTimeZone(ZoneOffset.UTC));
    private static final Pattern QUARTER = Pattern.compile("(?i)([qh])([1-4])(?:\\s+(\\d{4})|\\s*'(\\d{2})|\\s+fy(\\d{2}))?");
    private static final Pattern PART_OF_MONTH = Pattern.compile("(?i)(early|mid|late|end of)[- ](\\S+?)(?:\\s+(\\d{4}))?");
    private static final Pattern MONTH_ONLY = Pattern.compile("(?i)(" + DatePhrases.MONTH + ")(?:\\s+(\\d{4}))?");
    private static final Pattern HAS_YEAR = Pattern.compile("\\d{4}|/\\d{2}$");

    private final LocalDate anchor;
    private final Map<String, Optional<LocalDate>> nattyCache = new HashMap<>();

    DateResolver(LocalDate anchor) {
        this.anchor = anchor;
    }

    /** The day relative phrases count from: see the class comment. */
    static LocalDate anchorFor(LocalDate referenceDate, String text, ZoneId zone) {
        if (referenceDate != null) {
            return referenceDate;
        }
        return DatePhrases.firstExplicitDate(text).orElseGet(() -> LocalDate.now(zone));
    }

    LocalDate anchor() {
        return anchor;
    }

    /** The dates mentioned in {@code sentence}, in order. */
    List<DateMention> find(String sentence) {
        List<DateMention> out = new ArrayList<>();
        Matcher m = DatePhrases.CANDIDATE.matcher(sentence);
        while (m.find()) {
            String phrase = m.group("phrase");
            boolean deadline = m.group("lead") != null && !m.group("lead").equalsIgnoreCase("on");
            resolve(phrase, deadline).ifPresent(r -> out.add(new DateMention(phrase, m.start("phrase"),
                    m.end("phrase"), r.date(), r.timeline(), deadline)));
        }
        return out;
    }

    private record Resolved(LocalDate date, String timeline) {
    }

    private Optional<Resolved> resolve(String phrase, boolean deadline) {
        String p = phrase.toLowerCase(Locale.ROOT).trim();
        Matcher q = QUARTER.matcher(p);
        if (q.matches()) {
            return Optional.of(period(q, deadline));
        }
        Optional<LocalDate> fixed = relativeKeyword(p);
        if (fixed.isPresent()) {
            return fixed.map(d -> new Resolved(d, periodLabel(p, d)));
        }
        Matcher part = PART_OF_MONTH.matcher(p);
        if (part.matches()) {
            LocalDate first = monthStart(part.group(2), part.group(3));
            LocalDate day = switch (part.group(1)) {
                case "early" -> first.withDayOfMonth(5);
                case "mid" -> first.withDayOfMonth(15);
                case "late" -> first.withDayOfMonth(25);
                default -> first.with(TemporalAdjusters.lastDayOfMonth());
            };
            return Optional.of(new Resolved(day, yearMonth(first)));
        }
        Matcher month = MONTH_ONLY.matcher(p);
        if (month.matches()) {
            LocalDate first = monthStart(month.group(1), month.group(2));
            LocalDate day = deadline ? first.with(TemporalAdjusters.lastDayOfMonth()) : first;
            return Optional.of(new Resolved(day, yearMonth(first)));
        }
        return natty(phrase).map(d -> forward(d, phrase, deadline)).map(d -> new Resolved(d, d.toString()));
    }

    private Resolved period(Matcher q, boolean deadline) {
        boolean half = q.group(1).equals("h");
        int n = Integer.parseInt(q.group(2));
        if (half && n > 2) {
            n = 2;
        }
        int months = half ? 6 : 3;
        String yearText = q.group(3) != null ? q.group(3)
                : q.group(4) != null ? "20" + q.group(4) : q.group(5) != null ? "20" + q.group(5) : null;
        int year = yearText != null ? Integer.parseInt(yearText) : anchor.getYear();
        LocalDate start = LocalDate.of(year, (n - 1) * months + 1, 1);
        if (yearText == null && start.plusMonths(months).isBefore(anchor.withDayOfMonth(1).plusDays(1))) {
            start = start.plusYears(1);
        }
        LocalDate day = deadline ? start.plusMonths(months).minusDays(1) : start;
        String label = (half ? "H" : "Q") + n + (yearText != null ? " " + yearText : "");
        return new Resolved(day, label);
    }

    private Optional<LocalDate> relativeKeyword(String p) {
        LocalDate friday = anchor.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        LocalDate quarterEnd = anchor.withMonth((anchor.getMonthValue() - 1) / 3 * 3 + 3)
                .with(TemporalAdjusters.lastDayOfMonth());
        LocalDate value = switch (p.replaceFirst("^end of (the |this )?", "end of ")) {
            case "today", "tonight", "eod", "cob", "end of day" -> anchor;
            case "tomorrow" -> anchor.plusDays(1);
            case "eow", "end of week", "this week" -> friday;
            case "end of next week" -> friday.plusWeeks(1);
            case "next week" -> anchor.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case "eom", "end of month", "this month" -> anchor.with(TemporalAdjusters.lastDayOfMonth());
            case "end of next month" -> anchor.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
            case "next month" -> anchor.plusMonths(1).withDayOfMonth(1);
            case "eoq", "end of quarter", "this quarter" -> quarterEnd;
            case "next quarter" -> quarterEnd.plusDays(1);
            case "eoy", "end of year", "this year" -> anchor.withDayOfYear(1).plusYears(1).minusDays(1);
            case "next year" -> anchor.withDayOfYear(1).plusYears(1);
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    /** Month and quarter keywords keep their period as the timeline ("end of quarter" → "Q1"). */
    private static String periodLabel(String phrase, LocalDate day) {
        if (phrase.matches("eoq|.*quarter")) {
            return "Q" + ((day.getMonthValue() - 1) / 3 + 1);
        }
        if (phrase.matches("eom|.*month")) {
            return yearMonth(day);
        }
        if (phrase.matches("eoy|.*year")) {
            return String.valueOf(day.getYear());
        }
        return day.toString();
    }

    private LocalDate monthStart(String monthName, String year) {
        int month = DatePhrases.month(monthName);
        LocalDate first = LocalDate.of(year != null ? Integer.parseInt(year) : anchor.getYear(), month, 1);
        if (year == null && month < anchor.getMonthValue()) {
            first = first.plusYears(1);
        }
        return first;
    }

    private static String yearMonth(LocalDate first) {
        return first.toString().substring(0, 7);
    }

    /** A deadline without a year that natty put months in the past is meant for next year ("by Jan 10" in December). */
    private LocalDate forward(LocalDate date, String phrase, boolean deadline) {
        if (deadline && !HAS_YEAR.matcher(phrase).find() && date.isBefore(anchor.minusDays(60))) {
            return date.plusYears(1);
        }
        return date;
    }

    private Optional<LocalDate> natty(String phrase) {
        return nattyCache.computeIfAbsent(phrase.toLowerCase(Locale.ROOT), key -> {
            Date reference = Date.from(anchor.atTime(12, 0).toInstant(ZoneOffset.UTC));
            List<DateGroup> groups;
            NATTY_LOCK.lock();
            try {
                groups = NATTY.parse(phrase, reference);
            } catch (RuntimeException e) {
                return Optional.empty();
            } finally {
                NATTY_LOCK.unlock();
            }
            return groups.stream().filter(g -> !g.isRecurring()).flatMap(g -> g.getDates().stream()).findFirst()
                    .map(d -> d.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
        });
    }
}
