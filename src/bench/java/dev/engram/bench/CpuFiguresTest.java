package dev.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU accounting's arithmetic: the machine's busy time and the pipeline's CPU per chunk against the ceiling's. */
class CpuFiguresTest {

    @Test
    void machineBusyTimeLeavesOutIdleAndIoWait() {
        String stat = "cpu  1000 50 200 9000 300 10 20 5 0 0\ncpu0 500 25 100 4500 150 5 10 2 0 0\nintr 1\n";
        assertEquals((1000 + 50 + 200 + 10 + 20 + 5) / 100.0, CpuAccount.machineBusySeconds(stat), 1e-9);
    }

    @Test
    void saturatedCoresPutTheRatioInCpuPerChunk() {
        var top = Map.of("engram", 0.36, "aws_stand_ins", 0.52, "postgres", 12.98, "bench_driver", 17.5, "other",
                0.54, "wall", 17.09);
        var e2e = Map.of("engram", 22.13, "aws_stand_ins", 4.51, "postgres", 13.72, "bench_driver", 1.2, "other",
                0.82, "wall", 22.32);
        String text = BenchmarkRows.cpuBound(top, e2e, 288, 2);
        assertTrue(text.contains("busy 93% of the ceiling's run and 95% of the pipeline's"), text);
        assertTrue(text.contains("The ceiling used 109 ms of CPU per chunk and the pipeline 144, a ratio of 0.75"),
                text);
        // 35 ms on top: Engram 23.33 - 17.86 = 5.47 s, stand-ins 3.99 s, Postgres 0.74 s over 288 chunks.
        assertTrue(text.contains("Engram's own work beyond the driver's took 19, the AWS stand-ins 14 and Postgres 3"),
                text);
        assertTrue(text.contains("would be 0.83"), text);
    }

    @Test
    void coresThatWereNotSaturatedMeanWaiting() {
        var top = Map.of("bench_driver", 17.5, "postgres", 13.0, "wall", 17.0);
        var e2e = Map.of("engram", 19.4, "aws_stand_ins", 4.4, "postgres", 11.0, "bench_driver", 0.9, "wall", 41.8);
        String text = BenchmarkRows.cpuBound(top, e2e, 288, 2);
        assertTrue(text.contains("90% of the ceiling's run and 43% of the pipeline's"), text);
        assertTrue(text.contains("was waiting, not CPU"), text);
    }

    @Test
    void theRemoteSectionSetsTheOfflinePathOfTheSameRunBesideIt() {
        var sameRun = Map.of("offline_chunks_per_min_median", 956.4, "offline_cpu_seconds_per_1000_chunks",
                Map.of("engram", 65.24, "aws_stand_ins", 13.33, "postgres", 35.63, "bench_driver", 2.43, "other", 5.9));
        String text = RemoteDoc.offline(sameRun, 1224.06, 89.4, 29.5).replaceAll("\\s+", " ");
        assertTrue(text.contains("did 956 chunks/min at 116.6 ms of CPU a chunk, 65.2 of them Engram's"), text);
        assertTrue(text.contains("Engram did 1224 chunks/min (1.28 times as many) at 89.4 ms a chunk, 29.5 of them"),
                text);
        assertEquals("", RemoteDoc.offline(null, 1224.06, 89.4, 29.5));
    }
}
