package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Insights: measured changes ("Revenue up 15%", "a 3% drop in churn", "signups doubled"), stated values ("NPS is
 * 42"), and labelled or reported findings ("Key insight: ...", "we learned that ...").
 */
final class InsightRules implements Rule {

    private static final String UP = "up|increased|increase|grew|grown|rose|risen|jumped|climbed|improved|spiked|surged"
            + "|gained|went up|is up|was up|are up|were up|higher|rise|rises|grow|grows|increases|climbs|jumps";
    private static final String DOWN = "down|decreased|decrease|fell|fallen|dropped|declined|dipped|slipped|plunged"
            + "|lost|went down|is down|was down|are down|were down|lower|shrank|reduced|fall|falls|drop|drops|decreases|declines";
    private static final String NUMBER = "(?<num>[+-]?\\d+(?:[.,]\\d+)?)\\s*(?<unit>%|pp|percent|percentage points?|x|bps)";
    private static final Pattern CHANGE = Pattern.compile("(?i)\\b(?<dir>" + UP + "|" + DOWN + ")\\s+(?:by\\s+)?"
            + "(?:about\\s+|around\\s+|roughly\\s+|almost\\s+|nearly\\s+|over\\s+|~)?" + NUMBER + "(?![\\w])");
    private static final Pattern CHANGE_NOUN = Pattern.compile("(?i)" + NUMBER + "\\s+(?<noun>increase|decrease|growth"
            + "|drop|decline|rise|jump|improvement|reduction|uplift|lift|gain|loss|dip)\\s+in\\s+(?<metric>[\\p{L}][\\p{L} -]{0,30}?)"
            + "(?=\\s+(?:since|from|over|compared|vs|versus|this|last|week|month|quarter|year|in|for|after)\\b|[,.;!]|$)");
    private static final Pattern MULTIPLE = Pattern.compile("(?i)\\b(?<mult>doubled|tripled|quadrupled|halved)\\b");
    private static final Pattern VALUE = Pattern.compile("(?i)\\b"
            + "(?:is|was|are|were|is now|now at|at|reached|hit|hits|stands at|stood at|came in at|totaled|totalled|of)\\s+"
            + "(?:about\\s+|around\\s+|roughly\\s+|~)?(?<value>[$€£]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?\\s*(?:%|[kKmMbB]\\b|million|billion|thousand|ms|s\\b)?)");
    private static final Pattern FINDING = Pattern.compile("(?i)\\b(?:we (?:learned|found|noticed|realized|realised|discovered"
            + "|observed) (?:that )?|it turns out|turns out|the data (?:shows?|suggests?)|data (?:shows?|suggests?)"
            + "|(?:users|customers|clients) (?:prefer|want|struggle|keep asking|are asking|love|hate|complain))");
    private static final Set<String> DROP = Set.of("our", "the", "a", "an", "this", "that", "last", "q1", "q2", "q3", "q4",
            "overall", "total", "and", "so", "but", "also", "weekly", "in", "its", "their", "we", "see", "saw", "with",
            "week", "month", "quarter", "year", "on", "yoy", "mom", "qoq", "wow", "has", "have", "had", "been", "is", "was",
            "are", "were");
    private static final Set<String> KNOWN_METRICS = Set.of("revenue", "churn", "nps", "mrr", "arr", "conversion",
            "retention", "signups", "sign-ups", "traffic", "latency", "costs", "cost", "margin", "sales", "bookings",
            "engagement", "activation", "dau", "mau", "pipeline", "csat", "uptime", "error rate", "ctr", "cac", "ltv");

    @Override
    public MemoryType type() {
        return MemoryType.INSIGHT;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        List<Draft> out = new ArrayList<>();
        for (Sentence s : chunk.sentences()) {
            if (s.isHeading() || s.isQuestion()) {
                continue;
            }
            LeadingLabel label = LeadingLabel.read(s.text());
            Map<String, Object> meta = new LinkedHashMap<>();
            double base = measure(label.rest(), meta);
            if (label.kind() == LeadingLabel.Kind.INSIGHT) {
                base = Confidence.LABEL;
            } else if (base == 0 && label.kind() == LeadingLabel.Kind.NONE && FINDING.matcher(s.text()).find()) {
                base = Confidence.SOFT;
            }
            if (base == 0) {
                continue;
            }
            List<String> people = chunk.people().in(s);
            if (!people.isEmpty()) {
                meta.put("people", people);
            }
            out.add(new Draft(MemoryType.INSIGHT, Draft.tidy(label.rest()), Confidence.of(base, s.text(), false, false),
                    meta, s.start() + label.offset(), s.end(), s.index(), List.of(s)));
        }
        return out;
    }

    /** Fills metric, change and value; returns the base score, or 0 when the clause measures nothing. */
    private static double measure(String clause, Map<String, Object> meta) {
        Matcher m = CHANGE.matcher(clause);
        while (m.find()) {
            Optional<String> metric = metricBefore(clause, m.start());
            if (metric.isPresent()) {
                boolean down = m.group("dir").toLowerCase(Locale.ROOT).matches(DOWN);
                return change(meta, metric.get(), m.group("num"), m.group("unit"), down, clause);
            }
        }
        m = CHANGE_NOUN.matcher(clause);
        if (m.find() && metric(m.group("metric")).isPresent()) {
            boolean down = m.group("noun").toLowerCase(Locale.ROOT)
                    .matches("decrease|drop|decline|reduction|loss|dip");
            return change(meta, metric(m.group("metric")).get(), m.group("num"), m.group("unit"), down, clause);
        }
        m = MULTIPLE.matcher(clause);
        if (m.find() && metricBefore(clause, m.start()).isPresent()) {
            String factor = switch (m.group("mult").toLowerCase(Locale.ROOT)) {
                case "doubled" -> "2x";
                case "tripled" -> "3x";
                case "quadrupled" -> "4x";
                default -> "0.5x";
            };
            meta.put("metric", metricBefore(clause, m.start()).get());
            meta.put("change", factor);
            return Confidence.STRUCTURED;
        }
        m = VALUE.matcher(clause);
        if (m.find() && metricBefore(clause, m.start()).filter(KNOWN_METRICS::contains).isPresent()) {
            meta.put("metric", metricBefore(clause, m.start()).get());
            meta.put("value", m.group("value").strip());
            return Confidence.SOFT + 0.05;
        }
        return 0;
    }

    private static double change(Map<String, Object> meta, String metric, String num, String unit, boolean down,
            String clause) {
        String u = unit.toLowerCase(Locale.ROOT);
        String normalizedUnit = u.startsWith("percentage") ? "pp" : u.equals("percent") ? "%" : u;
        String digits = num.replace(',', '.').replaceFirst("^[+-]", "");
        String sign = num.startsWith("-") || down ? "-" : "+";
        meta.put("metric", metric);
        meta.put("change", normalizedUnit.equals("x") ? digits + "x" : sign + digits + normalizedUnit);
        Matcher to = Pattern.compile("(?i)\\bto\\s+([$€£]?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?\\s*(?:%|[kKmMbB]\\b|million|billion)?)")
                .matcher(clause);
        if (to.find()) {
            meta.put("value", to.group(1).strip());
        }
        return KNOWN_METRICS.contains(metric) ? Confidence.STRUCTURED + 0.05 : Confidence.STRUCTURED;
    }

    /** The metric named in the words right before {@code at}, within the same clause. */
    private static Optional<String> metricBefore(String clause, int at) {
        String before = clause.substring(Math.max(0, at - 48), at);
        int cut = Math.max(before.lastIndexOf(','), Math.max(before.lastIndexOf(';'), before.lastIndexOf(':')));
        return metric(before.substring(cut + 1));
    }

    /** The measured thing as a short lower-case noun phrase: the last words before the verb, minus fillers. */
    static Optional<String> metric(String phrase) {
        String[] words = phrase.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}/&' -]", " ").strip().split("\\s+");
        List<String> kept = new ArrayList<>();
        for (int i = words.length - 1; i >= 0 && kept.size() < 3; i--) {
            String w = words[i].replaceAll("['’]s$", "");
            if (w.isEmpty() || w.matches("\\d+")) {
                break;
            }
            if (DROP.contains(w)) {
                if (kept.isEmpty()) {
                    continue;
                }
                break;
            }
            kept.add(0, w);
        }
        if (kept.isEmpty() || NameLexicon.isNonName(String.join(" ", kept)) && !KNOWN_METRICS.contains(kept.get(0))) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", kept));
    }
}
