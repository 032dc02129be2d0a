package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks. A sentence the writer labelled (an "Action item:" or "TODO:" label, an open checkbox, an item under an
 * "Action items" heading) is a task outright; any other sentence is one when the sentence-type model says so. The
 * cues the rules know ("X to &lt;verb&gt;", "@handle &lt;verb&gt;", "X will &lt;verb&gt;", a chat speaker's
 * "I'll ...", "we need to ...") are among the model's features.
 *
 * <p>"X will lead/own ..." right after a decision is that decision's lead ({@link DecisionRules}), not a task.
 * Done checkboxes, headings and negated promises are never tasks. The assignee comes from the conventions of real
 * notes: "@handle to ...", "Name to/will ...", "Name: ...", "ACTION: Name ...", "owner: Name", a trailing "(Name)",
 * or an item nested under a "Name:" item.
 */
final class TaskRules implements Rule {

    private static final Set<String> TASK_SECTIONS = Set.of("action items", "action item", "actions", "todo", "todos",
            "to do", "to-do", "to-dos", "next steps", "follow-ups", "follow ups", "followups", "tasks", "owners");
    private static final Pattern LEADING_HANDLE = Pattern.compile("^@([\\w.\\-]*\\w)[:,]?\\s+(?:please\\s+|pls\\s+|can you\\s+|could you\\s+)?[a-z]");
    private static final Pattern ASSIGNED = Pattern.compile("(?i)\\b(?:assigned to|assignee:|owner:|owners:|responsible:)\\s*(?<who>"
            + People.NAME + ")");
    private static final Pattern NAME_COLON = Pattern.compile("^(?<who>" + People.NAME + "):\\s+(?=[a-z])");
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)^(?:ok(?:ay)?,?\\s+|sure,?\\s+|yes,?\\s+)?(?:i'll|i’ll|i will|i can|i'm going to|i am going to|let me)\\s+(?!not\\b)[a-z]");
    private static final Pattern SOFT = Pattern.compile("(?i)\\b(?:we|team|someone|somebody)\\s+(?:still\\s+)?(?:need|needs|must|should|have|has)\\s+(?:to\\s+)?(?!been\\b|be\\b)[a-z]+");
    /** A thing that must happen: "The migration script should go through a security review", "X needs to be fixed". */
    private static final Pattern OBLIGATION = Pattern.compile("(?i)^(?!(?:i|we|you|they|it|this|that|there)\\b)[^,;:?]{2,80}?"
            + "\\b(?:should|must|needs to|has to)\\s+(?:be\\s+)?(?!not\\b)[a-z]+");
    /** Someone's view rather than a thing to do. */
    private static final Pattern OPINION = Pattern.compile("(?i)\\b(?:i think|i feel|i guess|i'm not sure|in my opinion"
            + "|would argue|arguably|ideally|in theory|it seems)\\b");
    private static final Pattern PLEASE = Pattern.compile("(?i)^(?:please|pls|kindly)\\s+[a-z]");
    /**
     * Past tenses that do not end in "-ed" and are no base form too ("put", "set" and "read" are left out):
     * "@nzakas sent the invitation", "@mdjermanovic left a comment", "@btmills thought ..." report what someone did.
     */
    private static final String IRREGULAR_PAST = "got|sent|left|found|thought|understood|made|took|gave|wrote|said|told"
            + "|went|came|ran|began|brought|bought|kept|held|met|paid|built|spent|won|lost|felt|heard|saw|knew|became"
            + "|chose|drew|spoke|led|meant|taught|caught|sought|fought|stood|sold|forgot";
    private static final Pattern NEGATED = Pattern.compile("(?i)\\b(?:will not|won't|won’t|not going to|no need to|don't need to|doesn't need to|cannot|can't)\\b");
    /**
     * After a handle, the word of a directive ("@mike update the deck") is a verb in its base form; "@btmills
     * suggests ...", "@nzakas doesn't think ...", "@x is fine with ..." report what someone said or is.
     */
    private static final Pattern REPORTED = Pattern.compile("(?i)(?:(?:[a-z]+-)?(?:[a-z]+(?:ed|ing)|[a-z]*[^s]s)|is|was"
            + "|were|are|has|had|have|does|did|doesn't|didn't|hasn't|isn't|wasn't|could|would|can|should|might|may"
            + "|already|previously|also|and|still|just|thinks?|agreed|" + IRREGULAR_PAST + ")\\b");
    private static final Pattern TRAILING_OWNER = Pattern.compile("(?<open>[(\\[]\\s*|[-–—]\\s+)@?(?<who>" + People.NAME
            + ")\\s*[)\\]]?\\s*[.!]?$");
    /** "Kate - mailing list creation", "Alexios & William – deconflict the framework". */
    private static final Pattern OWNER_DASH = Pattern.compile("(?<team>(?<who>" + People.NAME + ")(?:\\s*(?:,|&|and)\\s*(?:"
            + People.NAME + "))*)\\s+[-–—]\\s+\\S");
    /** Words in trailing parentheses that name a state, not an owner. */
    private static final Set<String> NOT_OWNERS = Set.of("done", "optional", "pending", "ongoing", "draft", "maybe",
            "later", "wip", "tbd", "todo", "open", "closed", "merged", "blocked", "low", "high", "medium", "urgent",
            "again", "postponed", "deferred", "continued", "cont", "approved", "accepted", "rejected", "owner",
            "nominated", "stalled", "waiting", "carryover", "carried", "recurring", "weekly");
    private static final Pattern OWNER_ITEM = Pattern.compile("^(?<who>" + People.NAME + ")\\s*:?$");
    private static final Pattern REFERENCE = Pattern.compile("!?\\[[^\\]]*\\]\\([^)]*\\)|<https?://[^>]*>|https?://\\S+"
            + "|(?<![\\w#])[\\w.\\-]*#\\d+|(?<![\\w.])@[\\w.\\-]+");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private static final Pattern LEAD_VERB = Pattern.compile("(?i)\\b(?:will|'ll|’ll|is going to|to)\\s+(?:lead|own|head|drive|run|spearhead|champion|oversee|manage|coordinate)\\b");

    @Override
    public MemoryType type() {
        return MemoryType.TASK;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        List<Draft> out = new ArrayList<>();
        for (Sentence s : chunk.sentences()) {
            if (s.isHeading() || s.kind() == LineKind.DONE_CHECKBOX || MeetingProcedure.rollCall(s)) {
                continue;
            }
            LeadingLabel label = LeadingLabel.read(s.text());
            if (label.kind() == LeadingLabel.Kind.DECISION || label.kind() == LeadingLabel.Kind.INSIGHT
                    || NEGATED.matcher(label.rest()).find() || bareReference(label.rest())
                    || MeetingProcedure.is(label.rest())) {
                continue;
            }
            Optional<Cue> cue = cue(chunk, s, label);
            List<DateMention> dates = chunk.dates(s);
            // Labelled items, the precise shapes ("Sarah to ...", "@mike update ...", "assigned to X") and a named
            // person's promise ("Grace will ...") stand on their own; everything else is the model's call. A
            // speaker's own "I'll ..." stands alone only with a time ("tomorrow", "by Friday"): in minutes it is
            // mostly talk ("I'll say that ...", "I'll take a look"), and the training projects recorded none of the
            // nine the rules took.
            boolean promise = FIRST_PERSON.matcher(label.rest()).find();
            boolean labelled = cue.isPresent() && !promise && (cue.get().base() >= Confidence.STRUCTURED
                    || cue.get().base() >= Confidence.COMMITMENT && cue.get().assignee() != null)
                    || promise && !dates.isEmpty();
            double p = chunk.taskProbability(s);
            // A sentence that dates an event ("the demo is on Monday") rather than a deadline ("by Friday") is a
            // date first: the model must be twice as sure to call it a task.
            double threshold = chunk.model().taskThreshold();
            if (!dates.isEmpty() && dates.stream().noneMatch(DateMention::deadline)) {
                threshold *= 2;
            }
            if (labelled || p >= threshold && !followsDecisionAsLead(chunk, s)) {
                double base = Math.max(cue.map(Cue::base).orElse(0.0), Confidence.fromProbability(p));
                out.add(draft(chunk, s, label, new Cue(base, cue.map(Cue::assignee).orElse(null))));
            }
        }
        return out;
    }

    /**
     * True when the text only points somewhere: links, issue numbers and handles with at most one other word
     * ("[Nominated issues](...)", "#65539 — [resolve: ...](...)", "@nikomatsakis"). Agendas list such items, open
     * checkboxes included; on the training projects 105 of the 106 the rules took as tasks were no one's task.
     */
    static boolean bareReference(String text) {
        String rest = REFERENCE.matcher(text).replaceAll(" ");
        return WORD.matcher(rest).results().limit(2).count() < 2;
    }

    /** The rules' base score when {@code s} has a task cue; a feature of the sentence-type model. */
    static Optional<Double> strength(Chunk chunk, Sentence s) {
        if (s.isHeading() || s.kind() == LineKind.DONE_CHECKBOX) {
            return Optional.empty();
        }
        LeadingLabel label = LeadingLabel.read(s.text());
        if (label.kind() == LeadingLabel.Kind.DECISION || label.kind() == LeadingLabel.Kind.INSIGHT) {
            return Optional.empty();
        }
        return cueOnce(chunk, s, label).map(Cue::base);
    }

    private static Optional<Cue> cueOnce(Chunk chunk, Sentence s, LeadingLabel label) {
        return chunk.memo("task", s, () -> cue(chunk, s, label));
    }

    private static boolean followsDecisionAsLead(Chunk chunk, Sentence s) {
        return LEAD_VERB.matcher(s.text()).find() && followsDecision(chunk, s);
    }

    /** What made the sentence a task: its base score and the assignee the cue itself names. */
    private record Cue(double base, String assignee) {
    }

    private static Optional<Cue> cue(Chunk chunk, Sentence s, LeadingLabel label) {
        String clause = label.rest();
        People people = chunk.people();
        if (NEGATED.matcher(clause).find()) {
            return Optional.empty();
        }
        String subject = subject(s, clause, people);
        // An open checkbox marks a task when its item reads as one: a directive ("Update the board"), an owner or a
        // time. Notes written as checklists box every line, titles, questions and remarks among them; on the
        // training projects, the 30 boxed items that read as none of these matched no one's task.
        boolean checkbox = s.kind() == LineKind.OPEN_CHECKBOX && (subject != null || !chunk.dates(s).isEmpty()
                || s.readsAsDirectiveFrom(tokenAt(s, label.offset())) && !REPORTED.matcher(clause).lookingAt());
        boolean labelled = label.kind() != LeadingLabel.Kind.NONE || checkbox;
        if (labelled) {
            return Optional.of(new Cue(Confidence.LABEL, subject));
        }
        if (s.kind() == LineKind.BULLET && s.section() != null && TASK_SECTIONS.contains(s.section()) && !chunk.transcribed(s)) {
            return Optional.of(new Cue(Confidence.SECTION, subject));
        }
        Matcher handle = LEADING_HANDLE.matcher(clause);
        if (handle.find() && !bot(handle.group(1)) && directive(s, label.offset() + handle.end() - 1)) {
            return Optional.of(new Cue(Confidence.STRUCTURED, handle.group(1)));
        }
        if (s.isQuestion()) {
            return Optional.empty();
        }
        Matcher assigned = ASSIGNED.matcher(clause);
        if (assigned.find() && people.isPerson(assigned.group("who"))) {
            return Optional.of(new Cue(Confidence.EXPLICIT - 0.05, People.clean(assigned.group("who"))));
        }
        Matcher sub = People.SUBJECT.matcher(clause);
        if (subject != null && sub.find()) {
            String verb = clause.substring(sub.end("team")).strip();
            if (verb.startsWith("to ") || verb.startsWith("(")) {
                return Optional.of(new Cue(Confidence.STRUCTURED, subject));
            }
            if (LEAD_VERB.matcher(clause).find() && followsDecision(chunk, s)) {
                return Optional.empty();
            }
            if (verb.matches("(?i)(?:will|'ll|’ll|is going to|shall|needs to|has to|is to)\\b.*")) {
                return Optional.of(new Cue(Confidence.COMMITMENT, subject));
            }
        }
        // A directive that closes on its owner: "Provide link to EU AI Act workshop - Karen", "Update the ED (SC)".
        if (SentenceFeatures.imperative(s)) {
            String owner = trailingOwner(people, clause);
            if (owner != null && people.isPerson(owner)) {
                return Optional.of(new Cue(Confidence.STRUCTURED, owner));
            }
        }
        if (FIRST_PERSON.matcher(clause).find()) {
            return Optional.of(s.speaker() != null ? new Cue(Confidence.COMMITMENT, People.clean(s.speaker()))
                    : new Cue(Confidence.SOFT, null));
        }
        // An obligation ("X should go through a security review") is a cue for the model, not a task by itself:
        // minutes are full of them in discussion. Taken outright when standing on its own line, it cost 0.6
        // extracted tasks per label on the training projects for no recall.
        if (OBLIGATION.matcher(clause).find() && !OPINION.matcher(clause).find()) {
            return Optional.of(new Cue(Confidence.SOFT + 0.05, null));
        }
        if (PLEASE.matcher(clause).find() || SOFT.matcher(clause).find()) {
            return Optional.of(new Cue(Confidence.SOFT, null));
        }
        return Optional.empty();
    }

    /** The index of the token starting at or after {@code offset}. */
    private static int tokenAt(Sentence s, int offset) {
        int i = 0;
        while (i < s.tokenCount() && s.tokenStart(i) < offset) {
            i++;
        }
        return i;
    }

    /** True when the word at {@code offset} of the sentence is a verb in the base form, as a directive has it. */
    private static boolean directive(Sentence s, int offset) {
        for (int i = 0; i < s.tokenCount(); i++) {
            if (s.tokenStart(i) == offset) {
                // The sentence's own tags read "@mike update the deck" as a noun phrase; "to update the deck" does not.
                return !REPORTED.matcher(s.token(i)).matches() && ("VERB".equals(s.tag(i)) || s.readsAsDirectiveFrom(i));
            }
        }
        return false;
    }

    /**
     * True for a bot's handle: "@rfcbot fcp merge" and "@dependabot rebase" are commands pasted into the notes, not work
     * for someone (in the Rust lang team's minutes, 10 such lines were proposed as tasks; none was one).
     */
    static boolean bot(String handle) {
        return handle.toLowerCase(java.util.Locale.ROOT).endsWith("bot");
    }

    /** The person the clause opens with ("Sarah to ...", "@mike update ..."), when it opens with a person. */
    private static String subject(Sentence s, String clause, People people) {
        Matcher handle = LEADING_HANDLE.matcher(clause);
        if (handle.find()) {
            return bot(handle.group(1)) ? null : handle.group(1);
        }
        Matcher sub = People.SUBJECT.matcher(clause);
        if (sub.find() && people.isPerson(sub.group("who"))) {
            return People.clean(sub.group("team"));
        }
        Matcher assigned = ASSIGNED.matcher(clause);
        if (assigned.find() && people.isPerson(assigned.group("who"))) {
            return People.clean(assigned.group("who"));
        }
        Matcher named = NAME_COLON.matcher(clause);
        if (named.find() && people.isPerson(named.group("who"))) {
            return People.clean(named.group("who"));
        }
        return null;
    }

    /** The owner named by the conventions of notes, when no cue named one. */
    private static String owner(Chunk chunk, Sentence s, LeadingLabel label) {
        People people = chunk.people();
        String found = subject(s, label.rest(), people);
        if (found != null) {
            return found;
        }
        String trailing = trailingOwner(people, label.rest());
        if (trailing != null) {
            return trailing;
        }
        Matcher dash = OWNER_DASH.matcher(label.rest());
        if (dash.lookingAt() && people.isPerson(dash.group("who"))) {
            return People.clean(dash.group("team"));
        }
        String parent = s.place().parent();
        if (parent != null && s.kind() != LineKind.TABLE_ROW) {
            Matcher item = OWNER_ITEM.matcher(parent);
            if (item.matches() && people.isPerson(item.group("who"))) {
                return People.clean(item.group("who"));
            }
        }
        // In chat and scribed minutes, an action a speaker states without a subject is theirs.
        return s.speaker() == null ? null : People.clean(s.speaker());
    }

    /** The owner a clause closes on: "... (Name)", "... - Name", "... [nikomatsakis]". */
    private static String trailingOwner(People people, String clause) {
        Matcher trailing = TRAILING_OWNER.matcher(clause.replaceAll("[*_]+\\s*$", ""));
        if (trailing.find() && (people.isPerson(trailing.group("who")) || !trailing.group("open").startsWith("-")
                && trailing.group("who").matches("[a-z][a-z0-9_\\-]{3,24}") && !NOT_OWNERS.contains(trailing.group("who")))) {
            return People.clean(trailing.group("who"));
        }
        return null;
    }

    private static boolean followsDecision(Chunk chunk, Sentence s) {
        Sentence previous = chunk.previous(s);
        return previous != null && DecisionRules.strength(chunk, previous).isPresent();
    }

    private static Draft draft(Chunk chunk, Sentence s, LeadingLabel label, Cue cue) {
        Map<String, Object> meta = new LinkedHashMap<>();
        String assignee = cue.assignee() != null ? cue.assignee() : owner(chunk, s, label);
        Sentence next = chunk.next(s);
        if (assignee == null && next != null) {
            Matcher owner = ASSIGNED.matcher(next.text());
            if (owner.lookingAt() && chunk.people().isPerson(owner.group("who"))) {
                assignee = People.clean(owner.group("who"));
            }
        }
        if (assignee != null) {
            meta.put("assignee", assignee);
        }
        List<DateMention> dates = chunk.dates(s);
        Optional<DateMention> due = dates.stream().filter(DateMention::deadline).findFirst()
                .or(() -> dates.stream().findFirst());
        due.ifPresent(d -> meta.put("due_date", d.iso()));
        Set<String> names = new LinkedHashSet<>(chunk.people().in(s));
        if (assignee != null) {
            names.add(assignee);
        }
        if (!names.isEmpty()) {
            meta.put("people", List.copyOf(names));
        }
        String content = Draft.tidy(Outline.statement(s, label.rest()));
        double confidence = Confidence.of(cue.base(), s.text(), assignee != null, due.isPresent());
        return new Draft(MemoryType.TASK, content, confidence, meta, s.start() + label.offset(), s.end(), s.index(),
                List.of(s));
    }
}
