package dev.engram.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One document of an evaluation set: the input text and the outcomes its authors recorded.
 *
 * @param source        the set it belongs to (a project slug of the minutes set, or "seed")
 * @param id            its id within the set
 * @param fileName      the name it is submitted under (decides the parser, as for an upload)
 * @param text          the input
 * @param referenceDate the date the notes were written, or null
 * @param tasks         the labelled tasks
 * @param decisions     the labelled decisions
 */
public record LabelledDocument(String source, String id, String fileName, String text, LocalDate referenceDate,
        List<Label> tasks, List<Label> decisions) {

    /** One labelled outcome; {@code assignee} and {@code dueDate} are null when the label names none. */
    public record Label(String content, String assignee, String dueDate) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The documents of one folder: each {@code <id>.json} label file with its {@code <id>.md} or
     * {@code <id>.txt} input, or the file its {@code input} field names relative to the folder.
     */
    public static List<LabelledDocument> readFolder(Path folder, String source) {
        try (Stream<Path> files = Files.list(folder)) {
            List<LabelledDocument> out = new ArrayList<>();
            for (Path json : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String id = json.getFileName().toString().replaceFirst("\\.json$", "");
                JsonNode node = JSON.readTree(json.toFile());
                String named = text(node, "input");
                Path input = named != null ? folder.resolve(named).normalize()
                        : Files.exists(folder.resolve(id + ".md")) ? folder.resolve(id + ".md")
                        : folder.resolve(id + ".txt");
                out.add(read(node, input, source, id));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LabelledDocument read(JsonNode node, Path input, String source, String id) throws IOException {
        String date = text(node, "reference_date");
        return new LabelledDocument(source, id, input.getFileName().toString(), Files.readString(input),
                date == null ? null : LocalDate.parse(date), labels(node.get("tasks")), labels(node.get("decisions")));
    }

    private static List<Label> labels(JsonNode array) {
        List<Label> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(new Label(text(n, "content"), text(n, "assignee"), text(n, "due_date"))));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
