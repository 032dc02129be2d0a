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
 * Contacts: e-mail headers ("From: Jane Doe &lt;jane@acme.com&gt;"), signature blocks (a name line, a title line, an
 * organisation, e-mail and phone), and names written right before an address in prose. Works on source lines, not
 * sentences, because a signature is a block of short lines. One contact per person: entries that share an address or
 * a name are merged.
 */
final class ContactRules implements Rule {

    static final Pattern EMAIL = Pattern.compile("[\\w.+'-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern HEADER = Pattern.compile("^\\s*(?i:from|to|cc|reply-to)\\s*:\\s*(.*)$");
    private static final Pattern NAMED_ADDRESS = Pattern.compile("\"?(?<name>[\\p{L}][\\p{L}.' -]{1,60}?)\"?\\s*<(?<email>"
            + EMAIL.pattern() + ")>");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?"
            + "\\d{2,4}(?:[\\s.-]\\d{2,4}){1,3}(?![\\w-])");
    private static final Pattern PHONE_LABEL = Pattern.compile("(?i)\\b(?:tel|phone|mobile|cell|direct|office|m|t|p)\\s*[.:]");
    private static final Pattern DATE_LIKE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$|^\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}$");
    private static final Pattern ROLE = Pattern.compile("\\b(?:CEO|CTO|CFO|COO|CMO|CPO|VP|SVP|EVP|Vice President|Director"
            + "|Manager|Head of|Engineer|Designer|Lead|Founder|Co-founder|Cofounder|President|Partner|Consultant|Analyst"
            + "|Architect|Specialist|Coordinator|Officer|Recruiter|Account Executive|Product Owner|Scientist|Developer"
            + "|Administrator|Associate|Advisor|Counsel|Representative|Strategist|Producer|Editor)\\b");
    private static final Pattern ROLE_ORG = Pattern.compile("^(?<role>.+?)\\s*(?:,|\\||·|•|\\bat\\b|@| — | – | - )\\s*(?<org>.+)$");
    private static final Pattern ORG = Pattern.compile("\\b(?:Inc|LLC|Ltd|GmbH|Corp|Corporation|Co|Company|Group|Labs"
            + "|Technologies|Systems|Partners|Capital|Ventures|Software|Solutions|AG|SA|BV|PLC)\\b\\.?");
    private static final Pattern NAME_LINE = Pattern.compile("^(?:--\\s*|—\\s*)?(\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}\\.?)?(?:\\s+\\p{Lu}[\\p{Ll}'-]+){1,2})\\s*,?$");
    private static final Pattern NAME_BEFORE = Pattern.compile("(\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+)?)\\s*(?:\\(|<|\\bat\\b|:|-|–|,)?\\s*$");

    @Override
    public MemoryType type() {
        return MemoryType.CONTACT;
    }

    @Override
    public List<Draft> apply(Chunk chunk) {
        Map<String, ContactCard> cards = new LinkedHashMap<>();
        List<int[]> paragraph = new ArrayList<>();
        String text = chunk.text();
        Matcher lines = Pattern.compile("[^\\n]*(?:\\n|$)").matcher(text);
        while (lines.find() && lines.start() < text.length()) {
            int start = lines.start();
            int end = lines.end() > start && text.charAt(lines.end() - 1) == '\n' ? lines.end() - 1 : lines.end();
            String line = text.substring(start, end);
            if (line.isBlank()) {
                readParagraph(text, paragraph, cards);
                paragraph.clear();
            } else if (HEADER.matcher(line).matches()) {
                readHeader(line, start, cards);
            } else {
                paragraph.add(new int[] {start, end});
            }
        }
        readParagraph(text, paragraph, cards);
        List<Draft> out = new ArrayList<>();
        for (ContactCard card : cards.values().stream().distinct().toList()) {
            card.toDraft().ifPresent(out::add);
        }
        return out;
    }

    private static void readHeader(String line, int lineStart, Map<String, ContactCard> cards) {
        Matcher m = NAMED_ADDRESS.matcher(line);
        while (m.find()) {
            String name = m.group("name").strip();
            ContactCard card = card(cards, m.group("email"), null);
            card.name(name.contains("@") ? null : name);
            card.span(lineStart + m.start(), lineStart + m.end(), false);
            card.cue(Confidence.STRUCTURED);
        }
    }

    private static void readParagraph(String text, List<int[]> lines, Map<String, ContactCard> cards) {
        if (lines.isEmpty()) {
            return;
        }
        String block = text.substring(lines.get(0)[0], lines.get(lines.size() - 1)[1]);
        boolean hasEmail = EMAIL.matcher(block).find();
        String phone = firstPhone(lines, text);
        if (!hasEmail && phone == null) {
            return;
        }
        boolean signature = lines.size() <= 8 && lines.stream().allMatch(l -> l[1] - l[0] <= 90);
        if (signature) {
            readSignature(text, lines, phone, cards);
        } else {
            readProse(text, lines, cards);
        }
    }

    private static void readSignature(String text, List<int[]> lines, String phone, Map<String, ContactCard> cards) {
        String name = null;
        String role = null;
        String org = null;
        List<String> emails = new ArrayList<>();
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]).strip();
            Matcher nameLine = NAME_LINE.matcher(line);
            Matcher email = EMAIL.matcher(line);
            while (email.find()) {
                emails.add(email.group());
            }
            if (name == null && nameLine.matches() && !ROLE.matcher(line).find() && !ORG.matcher(line).find()
                    && NameLexicon.nameShaped(line.replaceFirst("^[-—\\s]+", "").split("\\s+")[0])) {
                name = nameLine.group(1);
            } else if (role == null && ROLE.matcher(line).find() && !line.contains("@") && line.length() <= 80) {
                Matcher split = ROLE_ORG.matcher(line);
                if (split.matches() && ROLE.matcher(split.group("role")).find()) {
                    role = split.group("role").strip();
                    org = split.group("org").strip();
                } else {
                    role = line;
                }
            } else if (org == null && ORG.matcher(line).find() && !line.contains("@") && line.length() <= 60) {
                org = line;
            }
        }
        if (name == null && emails.isEmpty()) {
            return;
        }
        ContactCard card = card(cards, emails.isEmpty() ? null : emails.get(0), name);
        card.name(name);
        emails.forEach(card::email);
        card.role(role);
        card.organization(org);
        card.phone(phone);
        card.span(lines.get(0)[0], lines.get(lines.size() - 1)[1], true);
        card.cue(name != null && (role != null || phone != null) ? Confidence.LABEL : Confidence.STRUCTURED);
    }

    private static void readProse(String text, List<int[]> lines, Map<String, ContactCard> cards) {
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]);
            Matcher email = EMAIL.matcher(line);
            while (email.find()) {
                String before = line.substring(Math.max(0, email.start() - 60), email.start());
                Matcher name = NAME_BEFORE.matcher(before);
                String who = name.find() && NameLexicon.nameShaped(name.group(1).split("\\s+")[0]) ? name.group(1) : null;
                ContactCard card = card(cards, email.group(), who);
                card.name(who);
                card.span(l[0] + email.start() - (who == null ? 0 : before.length() - name.start()), l[0] + email.end(), false);
                card.cue(who != null ? Confidence.STRUCTURED : Confidence.SOFT);
            }
        }
    }

    private static String firstPhone(List<int[]> lines, String text) {
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]);
            Matcher m = PHONE.matcher(line);
            while (m.find()) {
                String candidate = m.group().strip();
                long digits = candidate.chars().filter(Character::isDigit).count();
                boolean labelled = PHONE_LABEL.matcher(line.substring(Math.max(0, m.start() - 12), m.start())).find() || candidate.startsWith("+")
                        || candidate.startsWith("(");
                if (!DATE_LIKE.matcher(candidate).matches() && digits <= 15 && (digits >= 10 || labelled && digits >= 7)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static ContactCard card(Map<String, ContactCard> cards, String email, String name) {
        String byEmail = email == null ? null : "e:" + email.toLowerCase(Locale.ROOT);
        String byName = name == null ? null : "n:" + name.toLowerCase(Locale.ROOT);
        ContactCard card = byEmail != null ? cards.get(byEmail) : null;
        if (card == null && byName != null) {
            card = cards.get(byName);
        }
        if (card == null) {
            card = new ContactCard();
        }
        if (byEmail != null) {
            cards.putIfAbsent(byEmail, card);
            card.email(email);
        }
        if (byName != null) {
            cards.putIfAbsent(byName, card);
        }
        return card;
    }
}
