package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decisions. A labelled one ("Decision: ...", an item under a "Decisions" heading) is kept outright; any other
 * sentence when the sentence-type model says so, with the rules' cues ("we agreed/decided ...", "decided to ...",
 * "going with ...", "approved") among its features. A verdict nested under an item ("Approved" under a pull request)
 * or a table row ("RFC-41 | Accepted") reads with its subject. Questions, negations ("we did not decide") and
 * conditionals ("if we decide") are not decisions.
 *
 * <p>The lead is the person who will carry the decision out, named in the same sentence or the next one ("John
 * will lead the expansion."). Such a follow-up sentence feeds the decision and does not become a task of its own
 * (see {@link TaskRules}): it records who owns the decision, not a separate piece of work.
 */
final class DecisionRules implements Rule {

    private static final Set<String> DECISION_SECTIONS = Set.of("decisions", "decision", "decided", "agreed",
            "outcomes", "decisions made", "key decisions", "resolutions");
    private static final Pattern AGREED_BY_GROUP = Pattern.compile("(?i)\\b(?:we|we've|we have|team|they|group|everyone"
            + "|all|leadership|board|it was|it's been|it has been|has been|have)\\s+(?:\\w+\\s+)?(?:all\\s+)?"
            + "(?:agreed|decided)\\b");
    private static final Pattern DECIDED_TO = Pattern.compile("(?i)(?:^|\\b)(?:decided|agreed)\\s+(?:to|that|on|upon)\\b");
    private static final Pattern SOFT_DECISION = Pattern.compile("(?i)\\b(?:we(?:'re| are| will|'ll) go(?:ing)? with"
            + "|going with|settled on|opted (?:to|for)|chose to|signed off on|approved|greenlit|green-lit|final call"
            + "|consensus (?:is|was)|we(?:'ll| will) move forward with|moving forward with)\\b");
    /** The formal record of a vote: "RFC-41 motioned to accepted", "moved to adopt", "voted to merge". */
    private static final Pattern MOTION = Pattern.compile("(?i)\\b(?:motioned|moved|voted|resolved)\\s+to\\s+(?:accept"
            + "|approv|adopt|merg|reject|clos|defer|stage|advanc|ship|land)\\w*");
    /**
     * The scribe's record of agreement opening a line: "Agree that the scope is ...", "Consensus that Gitoid is the
     * way", "General agreement that a small major release would be nice". Not "Agree on which problems to solve",
     * an agenda's goal.
     */
    private static final Pattern AGREEMENT = Pattern.compile("(?i)^(?:(?:all|everyone|group|team)\\s+)?agreed?"
            + "\\s+(?:that|we)\\b|^(?:general\\s+|broad\\s+|rough\\s+)?(?:consensus|agreement)\\s+(?:that|to|on|is|was)\\b");
    /**
     * A verdict stated on its own: "Accepted for v8.", "Approved as proposed.", "The new option is accepted.", "This
     * proposal is rejected." Present tense only: "my talk was accepted" is news, not the meeting's decision.
     */
    private static final Pattern VERDICT_LINE = Pattern.compile("(?i)^(?:(?:accepted|approved|rejected|declined"
            + "|adopted)\\b|(?:the|this|that|these|those|our|both|all)\\b[^.;:!?]{0,60}?\\b(?:is|are|has been|have been)"
            + "\\s+(?:now\\s+|hereby\\s+)?(?:accepted|approved|rejected|declined|adopted)\\b)");
    /**
     * What the group commits to, as a line of its own: "We will not participate in Hacktoberfest this year.", "We'll
     * include all three changes in a major release." Not what it has to, might or will talk about.
     */
    private static final Pattern GROUP_COMMITMENT = Pattern.compile("(?i)^(?:so,?\\s+|ok(?:ay)?,?\\s+)?we(?:'ll|’ll"
            + "|\\s+will|\\s+won't|\\s+won’t|\\s+will\\s+not|\\s+are\\s+going\\s+to|'re\\s+going\\s+to|’re\\s+going\\s+to)\\s+"
            + "(?!(?:need|have|has|probably|likely|maybe|possibly|see|talk|discuss|hear|get back|come back|look|try"
            + "|want|be|also|still|just|continue discussing|revisit)\\b)[a-z]");
    /**
     * A proposal put to the group ("PROPOSED: ...", "**Proposed resolution: ...** *(Name)*", "Proposal: ..."): scribed
     * minutes record the vote after it, and the group adopts most of them (264 of the 316 in the W3C JSON-LD minutes
     * of the training projects, the rest mostly approvals of minutes).
     */
    private static final Pattern PROPOSAL = Pattern.compile("^[*_\\s]*(?i:proposed resolution|proposal|proposed)[*_]*\\s*:");
    private static final Pattern PROPOSER = Pattern.compile("[*_\\s]*\\(\\s*\\p{Lu}[\\p{L}.'\\- ]{0,50}\\)[*_\\s]*$");
    private static final Pattern PLAN = Pattern.compile("(?i)\\b(?:the plan is to|we(?:'ll| will) (?:switch|migrate|adopt|standardi[sz]e on|sunset|deprecate))\\b");
    private static final Pattern NEGATED = Pattern.compile("(?i)(?:\\b(?:not|never|no|yet to|without)|n't|n’t)\\s+(?:\\w+\\s+){0,2}"
            + "(?:decid\\w*|agree\\w*|approv\\w*|settled|chose|opted)|\\b(?:undecided|no decision|to be decided|tbd"
            + "|still deciding|disagreed|whether to|whether or not)\\b");
    /**
     * A decision taken before this meeting, recalled in passing: "we had agreed to 1 day/week", "we already decided to
     * include ...", "since then, we've decided to rewrite ...", "Structure has been decided in June", "scott thinks we
     * agreed to this breakage before". Minutes record it where it was taken.
     */
    private static final Pattern EARLIER = Pattern.compile("(?i)\\b(?:had|already|previously|earlier|before|since then"
            + "|ago|at some point|last (?:week|month|meeting|time|year|call)|in the past|(?:was|were|has been|have been)"
            + " (?:\\w+ )?decided in|the previous (?:meeting|call|discussion))\\b");
    /** One person's own choice, not the group's: "I decided to wait until February". */
    private static final Pattern OWN_CHOICE = Pattern.compile("(?i)(?:^|[:;,.]\\s*|\\band\\s+)I\\s+(?:\\w+\\s+)?(?:decided|agreed)\\b");
    /**
     * A promise in the first person ("I'll prepare a proposal for next meeting", "SC: I will open a repo"): one
     * person's own undertaking, the task of whoever says it, not what the meeting settled. On the training projects
     * held out in turn, 5 such lines were proposed as decisions and none matched one.
     */
    static final Pattern OWN_PROMISE = Pattern.compile("\\bI\\s*(?:'ll|’ll|will|am going to|'m going to|’m going to)\\b");
    private static final Pattern CONDITIONAL = Pattern.compile("(?i)^(?:if|unless|once|when|should we|in case)\\b|\\bif we\\s+(?:\\w+\\s+)?(?:decide|agree)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(?<who>" + People.NAME + ")(?:\\s*(?:,|&|and)\\s*(?:"
            + People.NAME + "))*\\s+to\\s+\\p{Ll}");
    private static final Pattern LEAD = Pattern.compile("(?<who>" + People.NAME + ")\\s+(?:will|'ll|’ll|is going to|to|shall"
            + "|is|has agreed to)\\s+(?:lead|own|head|drive|run|spearhead|champion|oversee|manage|coordinate|leading"
            + "|owning|driving|heading)\\b|(?i:led|owned|driven|headed|run|championed|overseen) by (?<by>"
            + People.NAME + ")|(?<role>" + People.NAME + ")\\s+(?:is|as)\\s+(?:the\\s+)?(?i:lead|owner|dri|point person"
            + "|point of contact)\\b|(?i:owner|lead|dri)\\s*:\\s*(?<label>" + People.NAME + ")");

    @Override
    public MemoryType type() {
        return MemoryType.DECISION;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        List<Draft> out = new ArrayList<>();
        Map<List<String>, List<Sentence>> learned = new LinkedHashMap<>();
        for (Sentence s : chunk.sentences()) {
            if (vetoed(s)) {
                continue;
            }
            Optional<Double> rule = strength(chunk, s);
            // "Kate to send the proposals" is an action item's shape: without a verb of record it is no decision.
            // On the training projects held out in turn, 3 of the 37 such lines proposed as decisions matched one.
            if (rule.orElse(0.0) < Confidence.EXPLICIT && assignment(chunk, s)) {
                continue;
            }
            // A label, an item under a "Decisions" heading, a verb of record ("we agreed", "decided to") or what
            // the group commits to ("We'll include all three changes") stands on its own; everything else is the
            // model's call. On the training projects half the lines opening with "we will" were decisions.
            if (rule.isPresent() && rule.get() >= Confidence.STRUCTURED) {
                out.add(draft(chunk, s, Math.max(rule.get(), Confidence.fromProbability(chunk.decisionProbability(s)))));
                continue;
            }
            // Without a decision cue, a sentence that states a date is an event ("the demo is on Monday"), left to
            // the date rules; and text with no outline at all (prose, unlike the minutes the model learned from) gets
            // no decision from the model alone, only from the cues above ("It was a quiet trip, and everyone slept on
            // the way back." scored over twice the threshold once the model was retrained).
            double threshold = chunk.hasOutline() ? chunk.model().decisionThreshold() : Double.POSITIVE_INFINITY;
            // The scribe's closing lines of a transcript's topic, after everyone has spoken, are where minutes put
            // its outcome ("Merge NOW", "Drop object-src from the extension CSP"): there the model needs a quarter
            // of its confidence. On the training projects held out in turn, with the decision setting recalibrated to
            // stay under two proposals per label, a quarter found 10 more decisions than half (689 of 992 rather than
            // 679; 683 rather than 675 from the next seeds), and half had found 27 more than the full threshold.
            // A verdict in the imperative there that names a date schedules the outcome ("Merge in two weeks")
            // rather than an event: held out in turn, 5 more of the Cardano editors' verdicts (679 of 992 at 1.99
            // proposals per label, was 674). So does one reported without a subject ("Moved to Last Check (to be
            // merged in two weeks)", "to Last Check next meeting"): 8 more from each of two seeds at the same
            // setting (697 and 691 of 992), 692 at 1.97 per label once the setting was lowered to stay under two. A
            // statement stays an event ("The beta launch is scheduled for August 5"); taking those too found 8 more
            // but made a decision of the seed notes' launch date.
            boolean closing = SentenceFeatures.afterTheTalk(chunk, s);
            boolean event = rule.isEmpty() && !chunk.dates(s).isEmpty() && !(closing && SentenceFeatures.verbFirst(s));
            if (closing) {
                threshold *= AFTER_THE_TALK;
            }
            // An item with items nested under it names what they take up ("Future meetings", "MessageFormat 2
            // support"); its outcome, if any, is among them. Held out in turn, the model alone took 41 such items
            // as decisions beyond those it took otherwise, for the same 749 of 992 found.
            if (chunk.decisionProbability(s) >= threshold && !event && !SentenceFeatures.hasNestedItems(chunk, s)) {
                learned.computeIfAbsent(topic(s), k -> new ArrayList<>()).add(s);
            }
        }
        // Minutes record an outcome or two per topic, and the rules above find most of them: for one topic (a
        // heading, or an item of a nested list under it) the model alone proposes its likeliest sentence only. A
        // second one per heading was extra 42 times in 43 on the held-out training projects; one per item rather
        // than per heading found 9 more decisions of the training projects (369 of 434) and 2 more of the
        // evaluation projects.
        for (List<Sentence> section : learned.values()) {
            section.stream().sorted(Comparator.comparingDouble(chunk::decisionProbability).reversed())
                    .limit(PER_SECTION).forEach(s -> out.add(draft(chunk, s, Math.max(strength(chunk, s).orElse(0.0),
                            Confidence.fromProbability(chunk.decisionProbability(s))))));
        }
        return out;
    }

    /** True when {@code s} opens by giving someone the work: "Kate to send ...", "@nzakas and SC to review ...". */
    static boolean assignment(Chunk chunk, Sentence s) {
        Matcher m = ASSIGNMENT.matcher(LeadingLabel.strip(s.text()));
        return m.find() && chunk.people().isPerson(m.group("who"));
    }

    /** The topic {@code s} belongs to: its heading path and, in a nested list, the item it answers. */
    private static List<String> topic(Sentence s) {
        List<String> key = new ArrayList<>(s.place().headingPath());
        if (s.place().parent() != null) {
            key.add(s.place().parent());
        }
        return key;
    }

    /** The share of the model's threshold a sentence in the closing block of a transcript's topic needs. */
    static final double AFTER_THE_TALK = 0.25;

    /** Decisions the model alone may propose for one topic of a chunk. */
    static final int PER_SECTION = 1;

    /** Markdown links keep their text; bare URLs and inline code are not words of the sentence. */
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern NOT_PROSE = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|`[^`]*`");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /**
     * Source code pasted into the notes: a declaration or binding with its syntax ("let foo = (&a, b); match foo {",
     * "type Foo<K> = Bar<K> // no error", "... like this: trait StreamX { type Item"), or a line left open by a brace
     * or closed by a statement's semicolon ("foo(bar);").
     */
    private static final Pattern CODE = Pattern.compile("(?:^|[:;]\\s*)(?i:let|const|var|fn|type|trait|impl|match|struct"
            + "|enum|function|def|class|return|pub|use)\\s+[\\w&<(]+.*(?:\\s=\\s|\\{|::|=>)|\\{\\s*$|[)\\]]\\s*;\\s*$");

    /**
     * True when {@code s} holds nothing a decision could say: no word outside its links' targets, URLs and inline code
     * ("https://github.com/rust-lang/rfcs/pull/2522", "1A, 2A, 2B"), or a line of source code. On the training
     * projects held out in turn, 15 sentences proposed as decisions were such lines, and none matched a decision.
     */
    static boolean notProse(String text) {
        String words = NOT_PROSE.matcher(LINK.matcher(text).replaceAll("$1")).replaceAll(" ");
        return !WORD.matcher(words).find() || CODE.matcher(words.strip()).find();
    }

    /**
     * True when {@code text} is a link and nothing else ("[lang-team#82](https://...)", "[**Arc::drop has a dangling
     * shared ref #55005**](https://...)"): the item a topic is about, not what was made of it. On the training projects
     * held out in turn, 15 such lines were proposed as decisions and none matched one.
     */
    static boolean linkOnly(String text) {
        return LINK_ONLY.matcher(text).matches();
    }

    private static final Pattern LINK_ONLY = Pattern.compile("[*_\\s]*\\[[^\\]]*\\]\\([^)]*\\)[*_.:;,\\s]*");

    /**
     * Headings, questions, negations, conditionals, lines with no prose ({@link #notProse}) and bare links never record a decision,
     * whatever the model says.
     */
    private static boolean vetoed(Sentence s) {
        if (s.isHeading() || s.isQuestion() || MeetingProcedure.rollCall(s) || notProse(s.text()) || linkOnly(s.text())) {
            return true;
        }
        LeadingLabel.Kind label = LeadingLabel.read(s.text()).kind();
        return NEGATED.matcher(s.text()).find() || CONDITIONAL.matcher(LeadingLabel.strip(s.text())).find()
                || label != LeadingLabel.Kind.NONE && label != LeadingLabel.Kind.DECISION || recalled(s.text())
                || MeetingProcedure.is(s.text());
    }

    /** A decision recalled from before this meeting, or one person's own choice or promise. */
    private static boolean recalled(String text) {
        return OWN_CHOICE.matcher(text).find() || OWN_PROMISE.matcher(text).find()
                || EARLIER.matcher(text).find() && (text.matches("(?is).*\\b(?:decided|agreed|decision|resolved)\\b.*"));
    }

    /** {@link #strength(Sentence)}, once per sentence of the chunk. */
    static Optional<Double> strength(Chunk chunk, Sentence s) {
        return chunk.memo("decision", s, () -> strength(s, chunk.transcribed(s), issueTitle(chunk, s),
                        SentenceFeatures.spokenInTalk(chunk, s))
                .or(() -> closesDiscussion(chunk, s) ? Optional.of(Confidence.SOFT) : Optional.empty()));
    }

    /** What precedes an issue's title on its line: "[Issue 196](https://...): ", "PR #412: ". */
    private static final Pattern ISSUE_PREFIX = Pattern.compile("(?i)(?:issue|pr|pull request)\\s*#?\\d+\\]?"
            + "(?:\\([^)\\s]*\\))?\\s*:\\s*$");

    /**
     * True when {@code s} follows an issue reference on its line, so that it is the issue's title: "[Issue 196](...):
     * Proposal: onDoubleClicked for browserAction" names what the agenda takes up, not a proposal put to the group.
     * In the training projects' WebExtensions minutes, 51 such titles were read as proposals; none matched a decision.
     */
    private static boolean issueTitle(Chunk chunk, Sentence s) {
        String text = chunk.text();
        int from = text.lastIndexOf('\n', Math.max(0, s.start() - 1)) + 1;
        return from < s.start() && ISSUE_PREFIX.matcher(text.substring(from, s.start())).find();
    }

    /**
     * True when {@code s} is the scribe's closing line after what people said: an item in the imperative with no
     * speaker, right after an item that names one ("Niko and Josh: would not want to warn" / "Land PR with
     * allow-by-default").
     */
    static boolean closesDiscussion(Chunk chunk, Sentence s) {
        if (s.kind() != LineKind.BULLET || !SentenceFeatures.imperative(s) || SentenceFeatures.attributed(chunk, s)
                || vetoed(s)) {
            return false;
        }
        Sentence previous = chunk.previous(s);
        return previous != null && !previous.isHeading() && previous.kind() == LineKind.BULLET
                && previous.place().depth() <= s.place().depth() && SentenceFeatures.attributed(chunk, previous);
    }

    /**
     * The base confidence when {@code s} records a decision; an item under a "Decisions" heading counts as one unless
     * the section is a {@link Chunk#transcribed transcript}. {@code spoken}: someone says {@code s} in the talk of a
     * transcript ({@link SentenceFeatures#spokenInTalk}).
     */
    private static Optional<Double> strength(Sentence s, boolean transcribed, boolean issueTitle, boolean spoken) {
        if (s.isHeading() || s.isQuestion() || MeetingProcedure.rollCall(s) || notProse(s.text()) || linkOnly(s.text())) {
            return Optional.empty();
        }
        String text = s.text();
        if (NEGATED.matcher(text).find() || CONDITIONAL.matcher(LeadingLabel.strip(text)).find() || recalled(text)
                || MeetingProcedure.is(text)) {
            return Optional.empty();
        }
        LeadingLabel label = LeadingLabel.read(text);
        if (label.kind() == LeadingLabel.Kind.DECISION) {
            return Optional.of(Confidence.LABEL);
        }
        if (label.kind() != LeadingLabel.Kind.NONE) {
            return Optional.empty();
        }
        if (s.kind() == LineKind.BULLET && s.section() != null && DECISION_SECTIONS.contains(s.section()) && !transcribed) {
            return Optional.of(Confidence.SECTION);
        }
        // Said by someone in the talk of a transcript ("SFC: We agreed that the default unit length is short, so
        // ..."), a word of record is the speaker's account, often of an earlier meeting or another group, and the
        // scribe records the outcome after the talk: there it is a cue for the model, not a decision by itself.
        double record = spoken ? Confidence.SOFT : Confidence.EXPLICIT;
        if (Outline.isVerdict(s) || MOTION.matcher(text).find()
                || VERDICT_LINE.matcher(Outline.clean(LeadingLabel.strip(text))).find()
                || AGREEMENT.matcher(Outline.clean(LeadingLabel.strip(text))).find()
                || AGREED_BY_GROUP.matcher(text).find() || DECIDED_TO.matcher(text).find()) {
            return Optional.of(record);
        }
        if (SOFT_DECISION.matcher(text).find()) {
            return Optional.of(spoken ? Confidence.SOFT : 0.7);
        }
        if (PROPOSAL.matcher(text).lookingAt() && !proposed(text).equals(text) && !issueTitle) {
            return Optional.of(Confidence.STRUCTURED);
        }
        if ((s.speaker() == null || spoken) && GROUP_COMMITMENT.matcher(LeadingLabel.strip(text)).find()) {
            return Optional.of(spoken ? Confidence.SOFT : Confidence.STRUCTURED);
        }
        if (PLAN.matcher(text).find()) {
            return Optional.of(spoken ? Confidence.SOFT : 0.6);
        }
        return Optional.empty();
    }

    /** A proposal's words without its marker and proposer: "**Proposed resolution: close #172** *(Benjamin Young)*". */
    private static String proposed(String clause) {
        Matcher m = PROPOSAL.matcher(clause);
        if (!m.lookingAt()) {
            return clause;
        }
        String words = PROPOSER.matcher(clause.substring(m.end())).replaceAll("").replaceAll("^[*_\\s]+|[*_\\s]+$", "");
        return words.isBlank() ? clause : words;
    }

    /** The person {@code s} names as lead or owner, if any. */
    static Optional<String> leadIn(Sentence s, People people) {
        Matcher m = LEAD.matcher(s.text());
        while (m.find()) {
            for (String group : new String[] {"who", "by", "role", "label"}) {
                String who = m.group(group);
                if (who != null && people.isPerson(who)) {
                    return Optional.of(People.clean(who));
                }
            }
        }
        return Optional.empty();
    }

    private static Draft draft(Chunk chunk, Sentence s, double base) {
        People people = chunk.people();
        Map<String, Object> meta = new LinkedHashMap<>();
        List<DateMention> dates = chunk.dates(s);
        List<Sentence> support = new ArrayList<>(List.of(s));
        Optional<String> lead = leadIn(s, people);
        Sentence next = chunk.next(s);
        if (lead.isEmpty() && next != null && !next.isHeading() && strength(chunk, next).isEmpty()) {
            lead = leadIn(next, people);
            if (lead.isPresent()) {
                support.add(next);
                if (dates.isEmpty()) {
                    dates = chunk.dates(next);
                }
            }
        }
        if (!dates.isEmpty()) {
            meta.put("timeline", dates.get(0).timeline());
        }
        lead.ifPresent(l -> meta.put("lead", l));
        Set<String> names = new LinkedHashSet<>();
        support.forEach(x -> names.addAll(people.in(x)));
        lead.ifPresent(names::add);
        if (!names.isEmpty()) {
            meta.put("people", List.copyOf(names));
        }
        String content = Draft.tidy(Outline.statement(s, proposed(LeadingLabel.strip(s.text()))));
        List<Sentence> rest = restOfLine(chunk, s);
        if (!rest.isEmpty() && support.size() == 1) {
            support.addAll(rest);
            content = Draft.tidy(content + " " + String.join(" ", rest.stream().map(Sentence::text).toList()));
        }
        double confidence = Confidence.of(base, s.text(), lead.isPresent(), !dates.isEmpty());
        Sentence last = support.get(support.size() - 1);
        return new Draft(MemoryType.DECISION, content, confidence, meta, s.start(), last.end(), s.index(), support);
    }

    /**
     * The sentences after a short verdict on its line, which say what it means ("No action for now. Keep issue for
     * potential future discussion.", "Approved. Welcome, Ujjwal!"): a verdict of six words or fewer takes them, up to
     * thirty words more. Alone, "No action for now." tells a reviewer nothing.
     */
    private static List<Sentence> restOfLine(Chunk chunk, Sentence s) {
        List<Sentence> out = new ArrayList<>();
        if (s.tokenCount() > SHORT_VERDICT || s.kind() == LineKind.TABLE_ROW || s.isHeading()) {
            return out;
        }
        int tokens = 0;
        Sentence at = s;
        for (Sentence next = chunk.next(at); next != null && !next.isHeading(); next = chunk.next(at)) {
            if (chunk.text().substring(at.end(), next.start()).indexOf('\n') >= 0
                    || tokens + next.tokenCount() > LINE_REST) {
                break;
            }
            out.add(next);
            tokens += next.tokenCount();
            at = next;
        }
        return out;
    }

    /** Tokens a verdict may have and still take the rest of its line, and how many more it may take. */
    private static final int SHORT_VERDICT = 6;
    private static final int LINE_REST = 30;
}
