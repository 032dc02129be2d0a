package dev.engram.eval;

import dev.engram.eval.LabelledDocument.Label;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts for one extractor over a set of documents: per type the labels, the memories and the pairs that match
 * ({@link Matching}), and for matched tasks whether the assignee and the due date agree with the label's. Keeps
 * the matched memories, the missed labels and the unmatched memories of each document for reading.
 */
public final class Scoreboard {

    static final List<MemoryType> TYPES = List.of(MemoryType.TASK, MemoryType.DECISION);

    private final ContentWords words;
    private final Map<MemoryType, int[]> counts = new LinkedHashMap<>();
    private int assigneeLabelled;
    private int assigneeRight;
    private int dueLabelled;
    private int dueRight;
    private final List<String> notes = new ArrayList<>();
    private final Map<MemoryType, Integer> otherType = new LinkedHashMap<>();

    public Scoreboard(ContentWords words) {
        this.words = words;
        TYPES.forEach(t -> counts.put(t, new int[3]));
    }

    /** Adds one document's labels and the memories proposed for it. */
    public void add(LabelledDocument doc, List<MemoryCandidate> memories) {
        StringBuilder note = new StringBuilder();
        for (MemoryType type : TYPES) {
            List<Label> labels = type == MemoryType.TASK ? doc.tasks() : doc.decisions();
            List<MemoryCandidate> ofType = memories.stream().filter(m -> m.type() == type).toList();
            List<int[]> pairs = Matching.pair(labels.stream().map(l -> words.of(l.content())).toList(),
                    ofType.stream().map(m -> words.of(m.content())).toList());
            int[] c = counts.get(type);
            c[0] += labels.size();
            c[1] += ofType.size();
            c[2] += pairs.size();
            boolean[] labelHit = new boolean[labels.size()];
            boolean[] memoryHit = new boolean[ofType.size()];
            for (int[] p : pairs) {
                labelHit[p[0]] = true;
                memoryHit[p[1]] = true;
                if (type == MemoryType.TASK && !check(labels.get(p[0]), ofType.get(p[1]))) {
                    note.append("  wrong  assignee or due date: label ").append(labels.get(p[0]).assignee()).append(' ')
                            .append(labels.get(p[0]).dueDate()).append(", memory ").append(ofType.get(p[1]).metadata()
                                    .get("assignee")).append(' ').append(ofType.get(p[1]).metadata().get("due_date"))
                            .append(": ").append(ofType.get(p[1]).content()).append('\n');
                }
            }
            List<MemoryCandidate> others = memories.stream().filter(m -> m.type() != type && TYPES.contains(m.type()))
                    .toList();
            for (int i = 0; i < labels.size(); i++) {
                if (!labelHit[i] && !Matching.pair(List.of(words.of(labels.get(i).content())),
                        others.stream().map(m -> words.of(m.content())).toList()).isEmpty()) {
                    otherType.merge(type, 1, Integer::sum);
                }
            }
            for (int i = 0; i < labels.size(); i++) {
                if (!labelHit[i]) {
                    note.append("  missed ").append(type.wireName()).append(": ").append(labels.get(i).content())
                            .append('\n');
                }
            }
            for (int i = 0; i < ofType.size(); i++) {
                if (memoryHit[i]) {
                    note.append("  hit    ").append(type.wireName()).append(String.format(" (%.2f): ", ofType.get(i).confidence()))
                            .append(ofType.get(i).content())
                            .append('\n');
                }
            }
            for (int i = 0; i < ofType.size(); i++) {
                if (!memoryHit[i]) {
                    note.append("  extra  ").append(type.wireName()).append(String.format(" (%.2f): ", ofType.get(i).confidence()))
                            .append(ofType.get(i).content())
                            .append('\n');
                }
            }
        }
        if (!note.isEmpty()) {
            notes.add(doc.source() + "/" + doc.id() + "\n" + note);
        }
    }

    /** Counts the assignee and due date of a matched task; false when either disagrees with its label. */
    private boolean check(Label label, MemoryCandidate memory) {
        boolean right = true;
        if (label.assignee() != null) {
            assigneeLabelled++;
            Object got = memory.metadata().get("assignee");
            if (got != null && samePerson(label.assignee(), got.toString())) {
                assigneeRight++;
            } else {
                right = false;
            }
        }
        if (label.dueDate() != null) {
            dueLabelled++;
            if (label.dueDate().equals(memory.metadata().get("due_date"))) {
                dueRight++;
            } else {
                right = false;
            }
        }
        return right;
    }

    /** "@Sarah" and "sarah", "Sarah" and "Sarah Kim": the same person as far as a label can tell. */
    static boolean samePerson(String a, String b) {
        String x = person(a);
        String y = person(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        return x.equals(y) || Set.of(x.split(" ")).contains(y) || Set.of(y.split(" ")).contains(x);
    }

    private static String person(String name) {
        return name.toLowerCase(Locale.ROOT).replace("@", "").replaceAll("[^\\p{L}\\p{N} ._-]", " ").strip()
                .replaceAll("\\s+", " ");
    }

    public int labels(MemoryType type) {
        return counts.get(type)[0];
    }

    public int extracted(MemoryType type) {
        return counts.get(type)[1];
    }

    public int matched(MemoryType type) {
        return counts.get(type)[2];
    }

    /** Labels of {@code type} that no memory of that type matched but one of the other statement type did. */
    public int matchedAsOtherType(MemoryType type) {
        return otherType.getOrDefault(type, 0);
    }

    public double recall(MemoryType type) {
        return ratio(matched(type), labels(type));
    }

    public double precision(MemoryType type) {
        return ratio(matched(type), extracted(type));
    }

    public double extractedPerLabel(MemoryType type) {
        return ratio(extracted(type), labels(type));
    }

    /** Share of matched tasks whose label names an assignee that got the same one; NaN when none did. */
    public double assigneeAccuracy() {
        return ratio(assigneeRight, assigneeLabelled);
    }

    int assigneeLabelled() {
        return assigneeLabelled;
    }

    double dueDateAccuracy() {
        return ratio(dueRight, dueLabelled);
    }

    int dueLabelled() {
        return dueLabelled;
    }

    public List<String> notes() {
        return notes;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : a / (double) b;
    }
}
