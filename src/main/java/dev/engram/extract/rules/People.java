package dev.engram.extract.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people one chunk mentions: chat speakers, @handles, names in owner labels and names in subject position
 * ("Sarah to ...", "John will ..."), plus common first names. Built once per call, then asked per sentence.
 */
final class People {

    /** One word of a name, hyphenated ones included: "Sarah", "O'Neil", "Pierre-Antoine", "Berners-Lee". */
    private static final String WORD = "\\p{Lu}[\\p{Ll}']+(?:-\\p{L}[\\p{Ll}']+)*-?";
    static final String NAME = "@[\\w.\\-]+|" + WORD + "(?:(?:\\s\\p{Lu}\\.)?\\s" + WORD + ")?|\\p{Lu}{2,4}(?![\\p{L}\\d])"
            + "|\\p{Ll}\\p{Lu}{1,2}(?![\\p{L}\\d])|\\p{Lu}\\p{Ll}\\p{Lu}(?![\\p{L}\\d])"
            + "|[a-z][a-z0-9_\\-]{3,24}(?![\\w.])";
    /**
     * A lower-case handle in subject position ("nikomatsakis to write up the proposal", "pnkfelix to read it"), as
     * minutes of open-source teams write people; a person only when followed by "to" and a verb, and never a word
     * that commonly precedes "to".
     */
    private static final Pattern HANDLE_SUBJECT = Pattern.compile("^(?<who>[a-z][a-z0-9_\\-]{3,24})(?:\\s*(?:,|and|&)\\s*"
            + "[a-z][a-z0-9_\\-]{3,24})*\\s+to\\s+(?!be\\b)[a-z]");
    private static final Set<String> NOT_HANDLES = Set.of("need", "needs", "want", "wants", "plan", "plans", "going",
            "have", "able", "unable", "try", "tries", "tried", "like", "hope", "used", "what", "where", "when", "back",
            "reply", "response", "welcome", "refer", "thanks", "due", "time", "ready", "easy", "hard", "nice", "good",
            "best", "okay", "fine", "free", "decided", "agreed", "asked", "seems", "seem", "appears", "tends", "tend",
            "started", "start", "continue", "continues", "move", "moving", "reason", "ways", "work", "working", "next",
            "also", "then", "still", "only", "just", "much", "more", "less", "goal", "idea", "proposal", "order",
            "attempt", "effort", "failure", "link", "access", "similar", "related", "according", "prior", "close",
            "this", "that", "these", "those", "there", "here", "some", "someone", "somebody", "anyone", "everyone",
            "nobody", "they", "them", "team", "group", "folks", "people", "note", "sure", "happy", "willing", "intend",
            "expected", "supposed", "meant", "allowed", "required", "important", "useful", "difficult", "items", "item",
            "topics", "topic", "things", "questions", "issues", "points", "changes", "steps", "ideas", "options");
    /**
     * Initials in subject position ("NS to open an issue", "KK, SC to review"), as scribes of standards meetings
     * write people; a person only when followed by a commitment, and never one of these common abbreviations.
     */
    private static final String SCRIBE_INITIALS = "\\p{Lu}{2,4}|\\p{Ll}\\p{Lu}{1,2}|\\p{Lu}\\p{Ll}\\p{Lu}";
    private static final Pattern INITIALS_SUBJECT = Pattern.compile("^(?<who>" + SCRIBE_INITIALS + ")(?:\\s*(?:,|and|&)\\s*"
            + "(?<more>" + SCRIBE_INITIALS + "))*\\s+(?:to|will)\\s+(?!be\\b)\\p{L}");
    private static final Pattern INITIALS = Pattern.compile("(?<![\\p{L}\\d])(?:" + SCRIBE_INITIALS + ")(?![\\p{L}\\d])");
    private static final Pattern LOWER_HANDLE = Pattern.compile("[a-z][a-z0-9_\\-]{3,24}");
    private static final Set<String> NOT_INITIALS = Set.of("API", "APIS", "PR", "PRS", "RFC", "CI", "CD", "UI", "UX",
            "QA", "TC", "TG", "WG", "CG", "SIG", "TSC", "IT", "OK", "TODO", "FAQ", "URL", "URI", "JSON", "HTML", "CSS",
            "SDK", "CLI", "AWS", "GCP", "ID", "IDS", "DB", "OS", "PDF", "AI", "ML", "LLM", "ETA", "EOD", "EOW", "ASAP",
            "FYI", "TBD", "NA", "USA", "UK", "EU", "US", "CEO", "CTO", "VP", "HR", "PM", "AM", "FCP", "MVP", "SPDX",
            "ONNX", "ECMA", "ES", "iOS", "eID", "IETF", "W3C", "HTTP", "REST", "SQL", "JS", "TS", "NPM", "LTS", "GA", "RC");
    /** A person opening a clause and committing to something. Group "who" is the person. */
    static final Pattern SUBJECT = Pattern.compile("^(?<team>(?<who>" + NAME + ")(?:\\s*(?:,|&|and)\\s*(?:" + NAME
            + "))*)\\s*(?:\\([^)]*\\)\\s*)?(?:to|will|'ll|’ll|is going to|is to|shall|can|needs to|has to|owns|leads|is leading|is on)\\b");
    /**
     * A subject that vouches for a name: someone who will or is to do something ("Iamwillbar to take point",
     * "Grace will send it"). What needs to, has to, can or will be ("Scope needs to be tightly defined", "Scope will be
     * things that ...") is said of things as often as of people, so it vouches for no one.
     */
    private static final Pattern NAMING_SUBJECT = Pattern.compile("^(?<team>(?<who>" + NAME + ")(?:\\s*(?:,|&|and)\\s*(?:"
            + NAME + "))*)\\s*(?:\\([^)]*\\)\\s*)?(?:to|will|'ll|’ll|is going to|is to|shall)\\s+(?!(?:be|been|being"
            + "|need|needs|have|has|not)\\b)[\\p{L}]");
    private static final Pattern LABEL = Pattern.compile("(?i:owner|owners|assignee|assigned to|lead|dri|led by|owned by"
            + "|cc|from|with|ask|ping|attendees|present|responsible)\\s*:?\\s+(?<who>" + NAME
            + ")(?:\\s*(?:,|and|&)\\s*(?<more>" + NAME + "))?");
    private static final Pattern NAME_COLON = Pattern.compile("^(?<who>\\p{Lu}[\\p{Ll}'\\-]+(?:\\s\\p{Lu}[\\p{Ll}'\\-]+)?):\\s+[a-z]");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w.])@([A-Za-z][\\w.\\-]*[\\w])");

    private final Set<String> known = new LinkedHashSet<>();
    /** Answers of {@link #isPerson} for this chunk: the sentence-type features ask it of every capitalised word. */
    private final java.util.Map<String, Boolean> answers = new java.util.HashMap<>();

    /** Reads every sentence once for names the text itself vouches for. */
    static People of(List<Sentence> sentences) {
        return of(sentences, List.of());
    }

    /** Like {@link #of(List)}, knowing the people the whole document lists as present. */
    static People of(List<Sentence> sentences, List<String> roster) {
        People people = new People();
        roster.forEach(people::add);
        for (Sentence s : sentences) {
            if (s.speaker() != null) {
                people.add(s.speaker());
            }
            Matcher h = HANDLE.matcher(s.text());
            while (h.find()) {
                people.add(h.group(1));
            }
            Matcher label = LABEL.matcher(s.text());
            while (label.find()) {
                people.addIfNameShaped(label.group("who"));
                if (label.group("more") != null) {
                    people.addIfNameShaped(label.group("more"));
                }
            }
            Matcher colon = NAME_COLON.matcher(s.text());
            if (colon.find() && s.kind() != LineKind.PLAIN && isProperNounAt(s, 0)) {
                people.addIfNameShaped(colon.group("who"));
            }
            LeadingLabel leading = LeadingLabel.read(s.text());
            String clause = leading.rest();
            Matcher initials = INITIALS_SUBJECT.matcher(clause);
            if (initials.lookingAt()) {
                people.addInitials(initials.group("who"));
                Matcher each = INITIALS.matcher(clause.substring(0, initials.end() - 1));
                while (each.find()) {
                    people.addInitials(each.group());
                }
            }
            Matcher lower = HANDLE_SUBJECT.matcher(clause);
            if (lower.lookingAt()) {
                Matcher each = LOWER_HANDLE.matcher(clause.substring(0, lower.end() - 1));
                while (each.find()) {
                    if (!NOT_HANDLES.contains(each.group()) && !each.group().equals("and")) {
                        people.known.add(each.group());
                    }
                }
            }
            Matcher subject = NAMING_SUBJECT.matcher(clause);
            int offset = leading.offset();
            if (subject.find() && isProperNounAt(s, offset)) {
                people.addIfNameShaped(subject.group("who"));
            }
        }
        return people;
    }

    void add(String name) {
        String clean = clean(name);
        if (!clean.isEmpty()) {
            known.add(clean);
        }
    }

    private void addInitials(String initials) {
        if (!NOT_INITIALS.contains(initials)) {
            known.add(initials);
        }
    }

    private void addIfNameShaped(String name) {
        String clean = clean(name);
        if (clean.startsWith("@") || NameLexicon.nameShaped(clean.split(" ")[0])) {
            add(clean);
        }
    }

    /** A handle, a name this text vouches for, or a name-shaped word starting with a common first name. */
    boolean isPerson(String candidate) {
        return answers.computeIfAbsent(candidate, this::decide);
    }

    private boolean decide(String candidate) {
        String clean = clean(candidate);
        if (clean.isEmpty()) {
            return false;
        }
        if (candidate.startsWith("@") || known.contains(clean)) {
            return true;
        }
        String first = clean.split(" ")[0];
        return NameLexicon.nameShaped(first) && (NameLexicon.isFirstName(first) || known.contains(first));
    }

    /** The people mentioned in {@code s}, in order of appearance, handles without their @. */
    List<String> in(Sentence s) {
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < s.tokenCount(); i++) {
            String token = s.token(i);
            Matcher h = HANDLE.matcher(token);
            if (h.matches()) {
                found.add(h.group(1));
                continue;
            }
            if (!NameLexicon.nameShaped(token) || !(known.contains(token) || NameLexicon.isFirstName(token)
                    || "PROPN".equals(s.tag(i)) && knownFullNameStartsWith(token))) {
                continue;
            }
            String name = token;
            if (i + 1 < s.tokenCount() && NameLexicon.nameShaped(s.token(i + 1)) && "PROPN".equals(s.tag(i + 1))) {
                name = token + " " + s.token(i + 1);
                i++;
            }
            found.add(name);
        }
        return new ArrayList<>(found);
    }

    private boolean knownFullNameStartsWith(String token) {
        return known.stream().anyMatch(k -> k.startsWith(token + " "));
    }

    /** The name without @, surrounding punctuation or possessive. */
    static String clean(String name) {
        String n = name.strip();
        if (n.startsWith("@")) {
            n = n.substring(1);
        }
        n = n.replaceAll("['’]s$", "").replaceAll("[^\\p{L}\\p{N}]+$", "");
        return n;
    }

    private static boolean isProperNounAt(Sentence s, int charOffset) {
        if (s.text().startsWith("@", charOffset)) {
            return true;
        }
        for (int i = 0; i < s.tokenCount(); i++) {
            if (s.tokenStart(i) == charOffset) {
                String token = s.token(i);
                return "PROPN".equals(s.tag(i)) || NameLexicon.isFirstName(token);
            }
        }
        return false;
    }
}
