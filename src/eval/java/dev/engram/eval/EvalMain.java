package dev.engram.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.extract.Extractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code make eval}: the extractor and the cue-word baseline over the minutes set's evaluation projects (never used
 * in training), its training projects and the seed examples; writes {@code target/eval/summary.json}, the missed
 * and extra memories per document ({@code target/eval/notes-<split>.txt}) and {@code docs/EVALUATION.md}.
 *
 * <p>System properties: {@code eval.data} (default {@code src/eval/data}), {@code eval.out} ({@code target/eval}),
 * {@code eval.page} ({@code docs/EVALUATION.md}, empty for none).
 */
public final class EvalMain {

    private EvalMain() {
    }

    public static void main(String[] args) throws IOException {
        run(new RulesExtractor(), List.of("eval", "train", "seed"), "summary.json",
                System.getProperty("eval.page", "docs/EVALUATION.md"));
    }

    /**
     * Scores {@code extractor} on the named sets ({@code eval}, {@code train}, {@code seed}) and writes the summary
     * under {@code eval.out}, and the page when {@code page} is not empty.
     */
    public static JsonNode run(Extractor extractor, List<String> setNames, String summaryName, String page)
            throws IOException {
        Path data = Path.of(System.getProperty("eval.data", "src/eval/data"));
        Path out = Path.of(System.getProperty("eval.out", "target/eval"));
        Files.createDirectories(out);
        ContentWords words = ContentWords.load(data.resolve("minutes/stopwords.txt"));
        MinutesSplit split = MinutesSplit.read(data.resolve("minutes/split.json"));
        SplitPath path = new SplitPath(out.resolve("scratch"));

        Map<String, List<LabelledDocument>> sets = new LinkedHashMap<>();
        for (String name : setNames) {
            sets.put(name, switch (name) {
                case "eval" -> split.documents(data.resolve("minutes"), split.eval());
                case "train" -> split.documents(data.resolve("minutes"), split.train());
                case "seed" -> LabelledDocument.readFolder(data.resolve("seed"), "seed");
                default -> throw new IllegalArgumentException("unknown set " + name);
            });
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode summary = json.createObjectNode();
        summary.put("generated_at", Instant.now().toString());
        summary.put("extractor", extractor.name());
        summary.put("matching_rule", "a memory matches a label of its type when they share at least half the content"
                + " words of the shorter of the two and at least two (one for a one-word label); pairs are one to one");
        ObjectNode splits = summary.putObject("splits");
        long started = System.nanoTime();
        for (Map.Entry<String, List<LabelledDocument>> set : sets.entrySet()) {
            List<LabelledDocument> docs = set.getValue();
            ObjectNode node = splits.putObject(set.getKey());
            node.put("documents", docs.size());
            ArrayNode projects = node.putArray("projects");
            docs.stream().map(LabelledDocument::source).distinct().forEach(projects::add);
            // Each document is extracted once (an LLM provider is paid per call), then scored per set and project.
            Map<LabelledDocument, List<MemoryCandidate>> memories = new LinkedHashMap<>();
            docs.forEach(d -> memories.put(d, path.extract(extractor, d)));
            Scoreboard engram = score(words, docs, memories::get);
            Scoreboard baseline = score(words, docs, d -> CueWordPicker.pick(d.text()));
            node.set("engram", figures(json, engram));
            node.set("cue_word_baseline", figures(json, baseline));
            ObjectNode perProject = node.putObject("per_project");
            for (String project : docs.stream().map(LabelledDocument::source).distinct().toList()) {
                List<LabelledDocument> ofProject = docs.stream().filter(d -> d.source().equals(project)).toList();
                ObjectNode p = perProject.putObject(project);
                p.put("documents", ofProject.size());
                p.set("engram", figures(json, score(words, ofProject, memories::get)));
            }
            Files.write(out.resolve("notes-" + set.getKey() + ".txt"), engram.notes());
        }
        summary.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        json.writeValue(out.resolve(summaryName).toFile(), summary);
        System.out.println(EvaluationPage.table(summary));
        System.out.println("==> " + out.resolve(summaryName));
        if (!page.isEmpty()) {
            Files.writeString(Path.of(page), EvaluationPage.render(summary, split));
            System.out.println("==> " + page);
        }
        return summary;
    }

    private static Scoreboard score(ContentWords words, List<LabelledDocument> docs,
            Function<LabelledDocument, List<MemoryCandidate>> extract) {
        Scoreboard board = new Scoreboard(words);
        for (LabelledDocument doc : docs) {
            board.add(doc, extract.apply(doc));
        }
        return board;
    }

    private static JsonNode figures(ObjectMapper json, Scoreboard board) {
        ObjectNode node = json.createObjectNode();
        for (MemoryType type : Scoreboard.TYPES) {
            ObjectNode t = node.putObject(type.wireName());
            t.put("labels", board.labels(type));
            t.put("extracted", board.extracted(type));
            t.put("matched", board.matched(type));
            put(t, "recall", board.recall(type));
            put(t, "precision", board.precision(type));
            put(t, "extracted_per_label", board.extractedPerLabel(type));
            t.put("found_only_as_the_other_type", board.matchedAsOtherType(type));
        }
        ObjectNode assignee = node.putObject("assignee");
        assignee.put("labelled_and_matched", board.assigneeLabelled());
        put(assignee, "accuracy", board.assigneeAccuracy());
        ObjectNode due = node.putObject("due_date");
        due.put("labelled_and_matched", board.dueLabelled());
        put(due, "accuracy", board.dueDateAccuracy());
        return node;
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 1000) / 1000.0);
        }
    }

    /** The projects of each side of the minutes set ({@code split.json}). */
    public record MinutesSplit(List<String> train, List<String> eval) {

        public static MinutesSplit read(Path file) throws IOException {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            return new MinutesSplit(strings(node.get("train")), strings(node.get("eval")));
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        public List<LabelledDocument> documents(Path root, List<String> projects) {
            List<LabelledDocument> out = new ArrayList<>();
            for (String project : projects) {
                if (Files.isDirectory(root.resolve(project))) {
                    out.addAll(LabelledDocument.readFolder(root.resolve(project), project));
                }
            }
            return out;
        }
    }
}
