package dev.engram.extract.rules;

import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The knowledge graph's offline extractor: entities and relationships from a chunk's sentences and from the memories
 * extracted from it. Maven Central has no OpenNLP name finder, so names come from what the rules already know
 * (the people of the chunk, {@link People}), a gazetteer of places ({@link Gazetteer}), organisation forms and cues
 * ("Acme Corp", "University of Leeds", "works at X"), "Project X" and "X app|API".
 *
 * <p>Sentences: "P works at|for O", "P joined O", "P, &lt;role&gt; at O", "P is the &lt;role&gt; at|of O" and
 * "P works at O as a &lt;role&gt;" give {@code works_at} (with the role); "P left O" and "P no longer works at O" end
 * it; "P reports to Q", "P manages|leads X", "O is based in L" ({@code located_in}), "P moved to L" and "P lives in L"
 * ({@code lives_in}), "P is a member of O". A relationship holds from a date in its sentence ("as of March 1",
 * "since 2023"), else from the document's date. Confidence 0.7, 0.9 with a date.
 *
 * <p>Memories: a decision is a {@code decision} node, led by its lead, decided in the meeting a heading or the first
 * line names with a date ("Meeting notes - Jan 15, 2024" → "Meeting 2024-01-15"), about the places and projects it
 * names; a task is a {@code task} node assigned to its assignee, its due date an attribute; a contact is a person
 * with e-mail, phone and role, working at the organisation the card names.
 */
public final class GraphRules {

    private static final String ROLE = "(?<role>(?:[\\p{L}&/-]+\\s+){0,3}?(?i:engineer|manager|lead|director|designer"
            + "|ceo|cto|cfo|coo|cmo|vp|president|founder|co-founder|head of [\\p{L} ]+?|architect|scientist|analyst"
            + "|developer|consultant|officer|owner|intern|recruiter|counsel|editor|chair|advisor|adviser|specialist"
            + "|administrator|partner|principal|researcher|professor|lecturer|maintainer))";
    private static final String PROPER = "\\p{Lu}[\\p{L}\\d&'.-]*(?:\\s+(?:of\\s+|&\\s+|and\\s+)?\\p{Lu}[\\p{L}\\d&'.-]*){0,3}";
    private static final String FORM = "(?:,?\\s+(?:Inc\\.?|Corp\\.?|Corporation|LLC|Ltd\\.?|Limited|GmbH|AG|PLC|plc|Co\\.?"
            + "|Company|Labs|Technologies|Systems|Group|Bank|University|Institute|Foundation|SE|S\\.A\\.|B\\.V\\.))";
    /** An organisation, place, project or product as a sentence names it after a verb. */
    private static final String TARGET = "(?<o>(?:the\\s+)?(?:University of\\s+)?" + PROPER + FORM + "?)";
    private static final String PERSON = "(?<p>" + People.NAME + ")";

    private static final Pattern WORKS_AT = Pattern.compile(PERSON + "\\s+(?:(?:now|currently)\\s+)?(?:works|worked"
            + "|is working|has worked|started working|began working|is employed)\\s+(?:at|for|by)\\s+" + TARGET
            + "(?:\\s+as\\s+(?:an?\\s+|the\\s+)?" + ROLE + ")?");
    private static final Pattern JOINED = Pattern.compile(PERSON + "\\s+(?:has\\s+|recently\\s+)?joined\\s+" + TARGET
            + "(?:\\s+as\\s+(?:an?\\s+|the\\s+)?" + ROLE + ")?");
    private static final Pattern APPOSITION = Pattern.compile(PERSON + ",\\s+(?:the\\s+|an?\\s+|our\\s+)?" + ROLE
            + "\\s+(?:at|of|for|with)\\s+" + TARGET);
    private static final Pattern IS_ROLE = Pattern.compile(PERSON + "\\s+is\\s+(?:now\\s+)?(?:the\\s+|an?\\s+|our\\s+)"
            + ROLE + "\\s+(?:at|of|for|with)\\s+" + TARGET);
    private static final Pattern LEFT = Pattern.compile(PERSON + "\\s+(?:has\\s+)?(?:left|quit|resigned from)\\s+"
            + TARGET + "|" + PERSON.replace("<p>", "<p2>") + "\\s+(?:is\\s+|has\\s+)?no longer\\s+(?:works?\\s+|working\\s+"
            + "|employed\\s+|been\\s+)?(?:at|with|for|by)\\s+" + TARGET.replace("<o>", "<o2>"));
    private static final Pattern REPORTS_TO = Pattern.compile(PERSON + "\\s+(?:now\\s+)?reports\\s+(?:directly\\s+)?to\\s+"
            + "(?<q>" + People.NAME + ")");
    private static final Pattern MANAGES = Pattern.compile(PERSON + "\\s+(?<verb>manages|leads|runs|heads|oversees)\\s+"
            + "(?:(?<team>the\\s+[\\p{L}-]+(?:\\s+[\\p{L}-]+)?\\s+team)|" + TARGET + ")");
    private static final Pattern BASED_IN = Pattern.compile(TARGET + "\\s+(?:is|are|was)\\s+(?:now\\s+)?(?:based"
            + "|headquartered|located)\\s+in\\s+(?<l>" + PROPER + ")");
    private static final Pattern LIVES_IN = Pattern.compile(PERSON + "\\s+(?:has\\s+)?(?:moved|relocated)\\s+to\\s+"
            + "(?<l>" + PROPER + ")|" + PERSON.replace("<p>", "<p2>") + "\\s+(?:lives|is living|is based)\\s+in\\s+(?<l2>"
            + PROPER + ")");
    private static final Pattern MEMBER_OF = Pattern.compile(PERSON + "\\s+is\\s+(?:now\\s+)?an?\\s+member\\s+of\\s+"
            + TARGET);
    private static final Pattern PROJECT = Pattern.compile("\\bProject\\s+\\p{Lu}[\\p{L}\\d-]*");
    private static final Pattern PRODUCT = Pattern.compile("\\b(?<name>\\p{Lu}[\\p{L}\\d-]*(?:\\s+\\p{Lu}[\\p{L}\\d-]*)?)\\s+"
            + "(?:app|API|SDK|platform)\\b");
    private static final Pattern MEETING = Pattern.compile("(?i)\\bmeeting\\b");

    private GraphRules() {
    }

    /** The entities and relationships of {@code chunk}, with those of the memories extracted from it. */
    static GraphCandidates apply(Chunk chunk, ExtractionContext context, List<MemoryCandidate> memories) {
        Builder out = new Builder(chunk);
        for (Sentence s : chunk.sentences()) {
            if (!s.isHeading()) {
                sentence(chunk, s, out);
            }
        }
        memories(chunk, context, memories, out);
        return new GraphCandidates(new ArrayList<>(out.entities.values()), out.relations);
    }

    /** The entities and relationships of {@code memories} alone. */
    static GraphCandidates ofMemories(Chunk chunk, ExtractionContext context, List<MemoryCandidate> memories) {
        Builder out = new Builder(chunk);
        memories(chunk, context, memories, out);
        return new GraphCandidates(new ArrayList<>(out.entities.values()), out.relations);
    }

    private static void sentence(Chunk chunk, Sentence s, Builder out) {
        String text = s.text();
        Optional<LocalDate> dated = chunk.dates(s).stream().map(DateMention::date).findFirst();
        LocalDate from = dated.orElse(chunk.anchor());
        double confidence = dated.isPresent() ? 0.9 : 0.7;
        for (Pattern p : new Pattern[] {WORKS_AT, JOINED, APPOSITION, IS_ROLE}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String who = m.group("p");
                String org = organisation(m.group("o"));
                if (!chunk.people().isPerson(who) || org == null || chunk.people().isPerson(org)) {
                    continue;
                }
                Map<String, Object> attributes = new LinkedHashMap<>();
                if (m.group("role") != null) {
                    attributes.put("role", m.group("role").strip());
                }
                out.relation(s, m, who, EntityType.PERSON, RelationType.WORKS_AT, org, type(org), from, false,
                        confidence, attributes);
            }
        }
        Matcher left = LEFT.matcher(text);
        while (left.find()) {
            String who = left.group("p") != null ? left.group("p") : left.group("p2");
            String org = organisation(left.group("o") != null ? left.group("o") : left.group("o2"));
            if (chunk.people().isPerson(who) && org != null) {
                out.relation(s, left, who, EntityType.PERSON, RelationType.WORKS_AT, org, type(org), from, true,
                        confidence, Map.of());
            }
        }
        Matcher reports = REPORTS_TO.matcher(text);
        while (reports.find()) {
            if (chunk.people().isPerson(reports.group("p")) && chunk.people().isPerson(reports.group("q"))) {
                out.relation(s, reports, reports.group("p"), EntityType.PERSON, RelationType.REPORTS_TO,
                        reports.group("q"), EntityType.PERSON, from, false, confidence, Map.of());
            }
        }
        Matcher manages = MANAGES.matcher(text);
        while (manages.find()) {
            String who = manages.group("p");
            if (!chunk.people().isPerson(who)) {
                continue;
            }
            String target = manages.group("team") != null ? stripThe(manages.group("team")) : manages.group("o");
            EntityType targetType = manages.group("team") != null ? EntityType.ORGANIZATION
                    : chunk.people().isPerson(target) ? EntityType.PERSON : type(organisation(target));
            if (targetType == EntityType.PLACE) {
                continue;
            }
            if (targetType != EntityType.PERSON) {
                target = manages.group("team") != null ? target : organisation(target);
            }
            RelationType type = manages.group("verb").equals("leads") || manages.group("verb").equals("heads")
                    ? RelationType.LEADS : RelationType.MANAGES;
            out.relation(s, manages, who, EntityType.PERSON, type, target, targetType, from, false, confidence,
                    Map.of());
        }
        Matcher based = BASED_IN.matcher(text);
        while (based.find()) {
            String org = organisation(based.group("o"));
            String place = place(based.group("l"));
            if (org != null && place != null && !chunk.people().isPerson(org)) {
                out.relation(s, based, org, type(org), RelationType.LOCATED_IN, place, EntityType.PLACE, from, false,
                        confidence, Map.of());
            }
        }
        Matcher lives = LIVES_IN.matcher(text);
        while (lives.find()) {
            String who = lives.group("p") != null ? lives.group("p") : lives.group("p2");
            String place = place(lives.group("l") != null ? lives.group("l") : lives.group("l2"));
            if (chunk.people().isPerson(who) && place != null) {
                out.relation(s, lives, who, EntityType.PERSON, RelationType.LIVES_IN, place, EntityType.PLACE, from,
                        false, confidence, Map.of());
            }
        }
        Matcher member = MEMBER_OF.matcher(text);
        while (member.find()) {
            String org = organisation(member.group("o"));
            if (chunk.people().isPerson(member.group("p")) && org != null) {
                out.relation(s, member, member.group("p"), EntityType.PERSON, RelationType.MEMBER_OF, org, type(org),
                        from, false, confidence, Map.of());
            }
        }
        for (Gazetteer.Mention place : Gazetteer.shipped().find(text)) {
            out.entity(EntityType.PLACE, place.place(), Map.of(), s.start() + place.start(), s.start() + place.end());
        }
        Matcher project = PROJECT.matcher(text);
        while (project.find()) {
            out.entity(EntityType.PROJECT, project.group(), Map.of(), s.start() + project.start(),
                    s.start() + project.end());
        }
        Matcher product = PRODUCT.matcher(text);
        while (product.find()) {
            String name = product.group("name");
            if (!chunk.people().isPerson(name) && Gazetteer.shipped().place(name) == null) {
                out.entity(EntityType.PRODUCT, product.group().strip(), Map.of(), s.start() + product.start(),
                        s.start() + product.end());
            }
        }
    }

    private static void memories(Chunk chunk, ExtractionContext context, List<MemoryCandidate> memories, Builder out) {
        String meeting = meeting(chunk, context);
        for (int i = 0; i < memories.size(); i++) {
            MemoryCandidate m = memories.get(i);
            Map<String, Object> meta = m.metadata() == null ? Map.of() : m.metadata();
            int start = Math.max(0, m.sourceStart());
            int end = Math.max(start, m.sourceEnd());
            switch (m.type()) {
                case DECISION -> {
                    out.entity(EntityType.DECISION, m.content(), Map.of("memory_index", i), start, end);
                    if (meta.get("lead") instanceof String lead) {
                        out.memoryRelation(lead, EntityType.PERSON, RelationType.LEADS, m.content(),
                                EntityType.DECISION, m, start, end, Map.of());
                    }
                    if (meeting != null) {
                        out.memoryRelation(m.content(), EntityType.DECISION, RelationType.DECIDED_IN, meeting,
                                EntityType.EVENT, m, start, end, Map.of());
                    }
                    for (Gazetteer.Mention place : Gazetteer.shipped().find(m.content())) {
                        out.memoryRelation(m.content(), EntityType.DECISION, RelationType.ABOUT, place.place(),
                                EntityType.PLACE, m, start, end, Map.of());
                    }
                    Matcher project = PROJECT.matcher(m.content());
                    while (project.find()) {
                        out.memoryRelation(m.content(), EntityType.DECISION, RelationType.ABOUT, project.group(),
                                EntityType.PROJECT, m, start, end, Map.of());
                    }
                }
                case TASK -> {
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("memory_index", i);
                    if (meta.get("due_date") != null) {
                        attributes.put("due", meta.get("due_date"));
                    }
                    out.entity(EntityType.TASK, m.content(), attributes, start, end);
                    if (meta.get("assignee") instanceof String assignee) {
                        out.memoryRelation(m.content(), EntityType.TASK, RelationType.ASSIGNED_TO, assignee,
                                EntityType.PERSON, m, start, end, Map.of());
                    }
                }
                case CONTACT -> {
                    if (!(meta.get("name") instanceof String name)) {
                        continue;
                    }
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    if (meta.get("emails") instanceof List<?> emails && !emails.isEmpty()) {
                        attributes.put("email", emails.get(0));
                    }
                    if (meta.get("phone") != null) {
                        attributes.put("phone", meta.get("phone"));
                    }
                    if (meta.get("role") != null) {
                        attributes.put("role", meta.get("role"));
                    }
                    out.entity(EntityType.PERSON, name, attributes, start, end);
                    if (meta.get("organization") instanceof String org && !org.isBlank()) {
                        out.memoryRelation(name, EntityType.PERSON, RelationType.WORKS_AT, org,
                                EntityType.ORGANIZATION, m, start, end,
                                meta.get("role") != null ? Map.of("role", meta.get("role")) : Map.of());
                    }
                }
                default -> {
                }
            }
        }
    }

    /** "Meeting 2024-01-15" when a heading above the chunk or its first line names a meeting and a date. */
    private static String meeting(Chunk chunk, ExtractionContext context) {
        List<String> lines = new ArrayList<>(context.headingPath());
        String text = chunk.text().stripLeading();
        int nl = text.indexOf('\n');
        lines.add(nl < 0 ? text : text.substring(0, nl));
        for (String line : lines) {
            if (MEETING.matcher(line).find()) {
                Optional<LocalDate> day = DatePhrases.firstExplicitDate(line);
                if (day.isPresent()) {
                    return "Meeting " + day.get();
                }
            }
        }
        return null;
    }

    /** {@code name} as an organisation's name (no leading "the", no trailing punctuation), null if none is left. */
    private static String organisation(String name) {
        if (name == null) {
            return null;
        }
        // A sentence's full stop is not part of the name: "Acme Corp." at the end of one is "Acme Corp".
        String clean = trimEnd(stripThe(name));
        return clean.isBlank() ? null : clean;
    }

    private static String trimEnd(String name) {
        return name.replaceAll("[\\s,;:.]+$", "");
    }

    /** The place {@code name} names, its trailing punctuation aside; null when it is not one. */
    private static String place(String name) {
        return name == null ? null : Gazetteer.shipped().place(trimEnd(name));
    }

    private static String stripThe(String name) {
        return name.replaceFirst("^(?i:the)\\s+", "").strip();
    }

    /** What a name after "at", "joined" or "manages" is: a place, a project, a product, else an organisation. */
    private static EntityType type(String name) {
        if (Gazetteer.shipped().place(name) != null) {
            return EntityType.PLACE;
        }
        if (name.startsWith("Project ")) {
            return EntityType.PROJECT;
        }
        if (PRODUCT.matcher(name).matches()) {
            return EntityType.PRODUCT;
        }
        return EntityType.ORGANIZATION;
    }

    /** Collects candidates, one entity per type and name. */
    private static final class Builder {

        final Chunk chunk;
        final Map<String, EntityCandidate> entities = new LinkedHashMap<>();
        final List<RelationCandidate> relations = new ArrayList<>();

        Builder(Chunk chunk) {
            this.chunk = chunk;
        }

        void entity(EntityType type, String name, Map<String, Object> attributes, int start, int end) {
            String clean = type == EntityType.PERSON ? People.clean(name) : name.strip();
            entities.merge(type + ":" + clean, new EntityCandidate(type, clean, attributes, start, end), (a, b) -> {
                Map<String, Object> merged = new LinkedHashMap<>(a.attributes());
                b.attributes().forEach(merged::putIfAbsent);
                return new EntityCandidate(type, clean, merged, a.start(), a.end());
            });
        }

        void relation(Sentence s, Matcher m, String source, EntityType sourceType, RelationType type, String target,
                EntityType targetType, LocalDate from, boolean closes, double confidence,
                Map<String, Object> attributes) {
            int start = s.start() + m.start();
            int end = s.start() + m.end();
            String src = sourceType == EntityType.PERSON ? People.clean(source) : source;
            String tgt = targetType == EntityType.PERSON ? People.clean(target) : target;
            entity(sourceType, src, sourceType == EntityType.PERSON && type == RelationType.WORKS_AT && !closes
                    ? attributes : Map.of(), start, end);
            entity(targetType, tgt, Map.of(), start, end);
            relations.add(new RelationCandidate(src, sourceType, type, tgt, targetType, s.text().strip(), from, null,
                    closes, confidence, attributes, start, end));
        }

        void memoryRelation(String source, EntityType sourceType, RelationType type, String target,
                EntityType targetType, MemoryCandidate m, int start, int end, Map<String, Object> attributes) {
            String src = sourceType == EntityType.PERSON ? People.clean(source) : source;
            String tgt = targetType == EntityType.PERSON ? People.clean(target) : target;
            if (sourceType != EntityType.DECISION && sourceType != EntityType.TASK) {
                entity(sourceType, src, Map.of(), start, end);
            }
            if (targetType != EntityType.DECISION && targetType != EntityType.TASK) {
                entity(targetType, tgt, Map.of(), start, end);
            }
            relations.add(new RelationCandidate(src, sourceType, type, tgt, targetType, m.content(), chunk.anchor(),
                    null, false, m.confidence(), attributes, start, end));
        }
    }
}
