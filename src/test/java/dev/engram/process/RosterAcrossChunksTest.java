package dev.engram.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import dev.engram.split.Chunk;
import dev.engram.split.Chunker;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Minutes name their attendees once, at the top; the action items that name them come chunks later. Paraphrased from
 * the SPDX legal team's minutes, where "Artem to review the working document" used to come out without an owner.
 */
class RosterAcrossChunksTest {

    private static final String MINUTES = "# Legal team meeting\n\n## Attendees\n\n* Kate Stewart (LF)\n"
            + "* Artem Tanriverdiev\n* Alexios Zavras\n\n## Discussion\n\n"
            + IntStream.range(0, 30).mapToObj(i -> "The group went through license request number " + i
                    + " and its history in detail.").collect(Collectors.joining(" "))
            + "\n\nArtem to review the working document before the next call.\n";

    private final ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class),
            LocalDate.of(2022, 8, 5), ZoneOffset.UTC);

    @Test
    void aTaskFarFromTheAttendeeListIsAssignedToTheAttendeeItNames() {
        List<Chunk> chunks = new Chunker(120, 10).chunk(MINUTES);
        Chunk last = chunks.get(chunks.size() - 1);
        assertThat(chunks.size()).isGreaterThan(2);
        assertThat(last.text()).doesNotContain("Attendees").contains("Artem to review");
        assertThat(chunks).allSatisfy(c -> assertThat(c.people())
                .containsExactly("Kate Stewart", "Artem Tanriverdiev", "Alexios Zavras"));

        List<MemoryCandidate> found = Proposals.candidates(new RulesExtractor(), last, context);

        MemoryCandidate task = found.stream().filter(c -> c.type() == MemoryType.TASK)
                .filter(c -> c.content().contains("working document")).findFirst().orElseThrow();
        assertThat(task.metadata()).containsEntry("assignee", "Artem");
    }
}
