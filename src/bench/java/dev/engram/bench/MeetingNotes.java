package dev.engram.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates realistic meeting notes, deterministically from a seed: headings, attendees, discussion with metrics,
 * decisions with leads and timelines, action items with assignees and due dates, contacts, and plain chatter that
 * yields nothing. The mix resembles the notes teams actually keep, so extraction does its usual amount of work.
 */
final class MeetingNotes {

    private static final String[] FIRST = {"Priya", "Tom", "Lucia", "Dmitri", "Sarah", "John", "Amara", "Kenji",
            "Fatima", "Lars", "Mei", "Carlos", "Nadia", "Oliver", "Grace", "Ravi", "Elena", "Marcus", "Aisha", "Hugo"};
    private static final String[] LAST = {"Raman", "Becker", "Alvarez", "Ivanov", "Chen", "Okafor", "Tanaka",
            "Haddad", "Nilsson", "Garcia", "Rossi", "Schmidt", "Kowalski", "Dubois", "Moreau", "Singh"};
    private static final String[] TEAMS = {"Platform", "Payments", "Growth", "Mobile", "Data", "Search", "Billing",
            "Onboarding", "Infrastructure", "Support tooling"};
    private static final String[] METRICS = {"Revenue", "Checkout latency", "Churn", "Signups", "Error rate",
            "Conversion", "Ticket volume", "Page load time", "Retention", "Gross margin", "Build time", "NPS"};
    private static final String[] THINGS = {"the payments service", "the billing pipeline", "the search index",
            "the onboarding flow", "the mobile release train", "the data warehouse", "the legacy queue",
            "the pricing page", "the support inbox", "the metrics dashboard", "the partner API", "the CI runners"};
    private static final String[] TARGETS = {"Postgres 16", "the new region", "a managed queue", "weekly releases",
            "the European market", "usage-based pricing", "a single sign-on provider", "the new design system"};
    private static final String[] TASKS = {"prepare the market research", "write the migration runbook",
            "benchmark the new connection pool", "update the capacity dashboard", "draft the customer announcement",
            "review the vendor contract", "schedule the security review", "collect feedback from the pilot users",
            "clean up the stale feature flags", "estimate the infrastructure cost", "send the incident report",
            "book the offsite venue", "rewrite the onboarding emails", "audit the access permissions"};
    private static final String[] WHEN = {"by Friday", "by next Monday", "before the review on March 14",
            "by end of month", "by Feb 1", "by April 30", "next week", "by EOW", "before the board meeting",
            "by June 15"};
    private static final String[] QUARTERS = {"Q1", "Q2", "Q3", "Q4", "next quarter", "this summer"};
    private static final String[] CHATTER = {
        "We spent a while going back and forth on naming without reaching anything final.",
        "Someone mentioned the coffee machine on the third floor is broken again.",
        "The demo from last sprint was well received by the sales team.",
        "There was a long discussion about how the old reports were structured.",
        "People generally felt the sprint went smoothly, though a few reviews were slow.",
        "We walked through the roadmap slides and clarified a few open questions.",
        "The group looked at the customer quotes collected during the interviews.",
        "A short recap of the previous meeting opened the session.",
        "Several people noted that the staging environment has been unreliable lately.",
        "The team is happy with how the new on-call rotation is working out.",
        "It was pointed out that the documentation for the internal tools is outdated.",
        "We reviewed the open pull requests and the state of the release branch."};
    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private final Random random;

    MeetingNotes(long seed) {
        this.random = new Random(seed);
    }

    /** A set of documents of roughly {@code chars} characters each. */
    List<String> documents(int count, int chars) {
        List<String> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            docs.add(document(chars));
        }
        return docs;
    }

    /** One set of notes of about {@code chars} characters, made of several meetings. */
    String document(int chars) {
        StringBuilder sb = new StringBuilder(chars + 1024);
        while (sb.length() < chars) {
            meeting(sb);
        }
        return sb.toString();
    }

    /** Text for one page of a long report: a meeting's notes of about {@code chars} characters. */
    String page(int chars) {
        StringBuilder sb = new StringBuilder(chars + 512);
        meetingHeader(sb);
        while (sb.length() < chars) {
            paragraph(sb);
        }
        return sb.toString();
    }

    private void meeting(StringBuilder sb) {
        meetingHeader(sb);
        sb.append("## Discussion\n");
        for (int i = 0, n = 4 + random.nextInt(4); i < n; i++) {
            sb.append("- ").append(line()).append('\n');
        }
        sb.append("\n## Action items\n");
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            sb.append("- ").append(task()).append('\n');
        }
        sb.append('\n');
        paragraph(sb);
        sb.append('\n');
    }

    private void meetingHeader(StringBuilder sb) {
        LocalDate date = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(360));
        sb.append("# ").append(pick(TEAMS)).append(" sync - ").append(HEADER.format(date)).append("\n\n");
        sb.append("Attendees: ");
        for (int i = 0, n = 3 + random.nextInt(3); i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(person());
        }
        sb.append("\n\n");
    }

    private void paragraph(StringBuilder sb) {
        for (int i = 0, n = 3 + random.nextInt(4); i < n; i++) {
            sb.append(line()).append(' ');
        }
        sb.append("\n\n");
    }

    private String line() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> metric();
            case 2 -> decision();
            case 3 -> task();
            case 4 -> contact();
            default -> pick(CHATTER);
        };
    }

    private String metric() {
        int pct = 2 + random.nextInt(40);
        return switch (random.nextInt(3)) {
            case 0 -> pick(METRICS) + " up " + pct + "% compared to last quarter.";
            case 1 -> pick(METRICS) + " is down " + pct + "% since the " + pick(THINGS).substring(4) + " rollout.";
            default -> pick(METRICS) + " was " + (random.nextInt(90) + 10) + "." + random.nextInt(10)
                    + " last week, within budget.";
        };
    }

    private String decision() {
        String lead = pick(FIRST);
        return switch (random.nextInt(3)) {
            case 0 -> "Decided to move " + pick(THINGS) + " to " + pick(TARGETS) + " in " + pick(QUARTERS) + ". "
                    + lead + " will lead the effort.";
            case 1 -> "We agreed to expand to " + pick(TARGETS) + " in " + pick(QUARTERS) + "; " + lead
                    + " will own the plan.";
            default -> "The team decided to retire " + pick(THINGS) + " by " + pick(QUARTERS) + ".";
        };
    }

    private String task() {
        String who = pick(FIRST);
        return switch (random.nextInt(3)) {
            case 0 -> "Action item: " + who + " to " + pick(TASKS) + " " + pick(WHEN) + ".";
            case 1 -> who + ": " + pick(TASKS) + " " + pick(WHEN);
            default -> who + " will " + pick(TASKS) + " " + pick(WHEN) + ".";
        };
    }

    private String contact() {
        String first = pick(FIRST);
        String last = pick(LAST);
        return "For questions about " + pick(THINGS) + " contact " + first + " " + last + " at "
                + first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@example.com.";
    }

    private String person() {
        return pick(FIRST) + " " + pick(LAST);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
