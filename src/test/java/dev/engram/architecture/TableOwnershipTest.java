package dev.engram.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each Postgres table has one repository class, in the feature that owns it: SQL naming a table (after FROM, INTO,
 * UPDATE, JOIN or DELETE FROM) appears in the main sources only in that class. The tables are read from the
 * migrations, so a new table needs an owner here before its first statement.
 */
class TableOwnershipTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** The main source sets: the application and the code of its Lambda and local variants. */
    private static final List<Path> MAIN_SOURCES = List.of(Path.of("src/main/java"), Path.of("src/worker/java"),
            Path.of("src/api/java"), Path.of("src/local/java"));

    /** Table to the class (path under a source root) that holds its SQL. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("memories", "dev/engram/memory/MemoryRepository.java"),
            Map.entry("pending_memories", "dev/engram/review/PendingMemoryRepository.java"),
            Map.entry("chunks", "dev/engram/review/ChunkRepository.java"),
            Map.entry("conversations", "dev/engram/chat/ConversationRepository.java"),
            Map.entry("chat_messages", "dev/engram/chat/ChatMessageRepository.java"),
            Map.entry("conversation_summaries", "dev/engram/chat/ConversationSummaryRepository.java"),
            Map.entry("message_feedback", "dev/engram/chat/MessageFeedbackRepository.java"),
            Map.entry("profile_insights", "dev/engram/profile/ProfileInsightRepository.java"),
            Map.entry("insight_evidence", "dev/engram/profile/InsightEvidenceRepository.java"),
            Map.entry("entities", "dev/engram/graph/EntityRepository.java"),
            Map.entry("entity_aliases", "dev/engram/graph/EntityAliasRepository.java"),
            Map.entry("relationships", "dev/engram/graph/RelationshipRepository.java"),
            Map.entry("graph_evidence", "dev/engram/graph/GraphEvidenceRepository.java"),
            Map.entry("entity_merges", "dev/engram/graph/EntityMergeRepository.java"),
            Map.entry("graph_work", "dev/engram/graph/GraphWorkRepository.java"));

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);


    @Test
    void everyTableHasAnOwner() {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tables());
    }

    @Test
    void onlyTheOwnerOfATableNamesItInSql() {
        List<String> strays = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            for (Path file : javaFiles(root)) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String sql = sqlText(read(file));
                for (String table : tables()) {
                    if (mentions(sql, table) && !relative.equals(OWNERS.get(table))) {
                        strays.add(root.resolve(relative) + ": " + table + " (owned by " + OWNERS.get(table) + ")");
                    }
                }
            }
        }
        assertThat(strays).as("SQL naming a table outside the table's repository").isEmpty();
    }

    @Test
    void theScanFindsATableInTheShapesSqlTakes() {
        assertThat(mentions(sqlText("String s = \"SELECT id FROM memories WHERE x\";"), "memories")).isTrue();
        assertThat(mentions(sqlText("q(\"\"\"\n  DELETE FROM chunks\n  \"\"\");"), "chunks")).isTrue();
        assertThat(mentions(sqlText("q(\"UPDATE m SET a = 1 FROM \" + \"memories m2\");"), "memories")).isTrue();
        assertThat(mentions(sqlText("q(\"INSERT INTO pending_memories (id)\");"), "memories")).isFalse();
        assertThat(mentions(sqlText("// SELECT 1 FROM memories\nlog(\"memories left\");"), "memories")).isFalse();
    }

    /** The tables the migrations create. */
    static Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        for (Path file : files(MIGRATIONS, ".sql")) {
            Matcher m = CREATE_TABLE.matcher(read(file));
            while (m.find()) {
                tables.add(m.group(1).toLowerCase());
            }
        }
        return tables;
    }

    /** The source's string literals (text blocks included), outside comments and char literals, joined by spaces. */
    static String sqlText(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = indexOrEnd(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = indexOrEnd(source, "\"\"\"", i + 3);
                out.append(source, i + 3, Math.min(end, n)).append(' ');
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    out.append(source, i + 1, Math.min(j, n)).append(' ');
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    static boolean mentions(String sql, String table) {
        return Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN)\\s+(?:ONLY\\s+)?" + table + "\\b").matcher(sql).find();
    }

    private static List<Path> javaFiles(Path root) {
        return Files.isDirectory(root) ? files(root, ".java") : List.of();
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
