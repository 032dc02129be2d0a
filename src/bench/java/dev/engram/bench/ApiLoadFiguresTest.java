package dev.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The API figures' arithmetic: the open-loop schedule, the ramp's capacity and the overhead ratio. */
class ApiLoadFiguresTest {

    private static OpenLoopLoad.Result load(double rate, double p95, int failed) {
        return new OpenLoopLoad.Result(rate, 5, 50, 50 - failed, failed, 10, p95, p95, p95, 0);
    }

    @Test
    void capacityIsTheLastStepThatHeldBeforeTheFirstThatDidNot() {
        var ramp = new ApiCapacity.Ramp(List.of(new ApiCapacity.Step(load(10, 40, 0)),
                new ApiCapacity.Step(load(20, 90, 0)), new ApiCapacity.Step(load(40, 250, 0))));
        assertEquals(20, ramp.capacity());
    }

    @Test
    void aFirstStepOverTheLimitMeansNoCapacity() {
        var ramp = new ApiCapacity.Ramp(List.of(new ApiCapacity.Step(load(10, 101, 0))));
        assertEquals(0, ramp.capacity());
    }

    @Test
    void aStepThatLostARequestDidNotHold() {
        var ramp = new ApiCapacity.Ramp(List.of(new ApiCapacity.Step(load(10, 20, 0)),
                new ApiCapacity.Step(load(20, 20, 1))));
        assertEquals(10, ramp.capacity());
    }

    @Test
    void openLoopCountsRefusalsAndFailuresApartFromAcceptedLatencies() {
        var result = OpenLoopLoad.offer(1000, 30, System.nanoTime(), i -> switch (i % 3) {
            case 0 -> CompletableFuture.completedFuture(null);
            case 1 -> CompletableFuture.completedFuture("HTTP 503");
            default -> CompletableFuture.failedFuture(new IllegalStateException("down"));
        });
        assertEquals(30, result.sent());
        assertEquals(10, result.accepted());
        assertEquals(20, result.failed());
    }

    @Test
    void overheadIsTheRatioOfTheMedians() {
        var r = new ApiOverhead.Result(new OpenLoopLoad.Result(10, 10, 100, 100, 0, 30, 60, 70, 80, 0),
                new OpenLoopLoad.Result(10, 10, 100, 100, 0, 20, 40, 50, 60, 0));
        assertEquals(1.5, r.ratio(), 1e-9);
    }

    private static Map<String, Object> ramp(double capacity, double firstP95) {
        return Map.of("capacity_rps", capacity, "steps", List.of(Map.of("offered_per_s", 5.0, "p95_ms", firstP95)));
    }

    @Test
    void rampsWhereNoStepHeldSaySoWithTheP95AtTheLowestStep() {
        String text = BenchmarkRows.capacityMeasured(Map.of("api_capacity", Map.of("ramps",
                List.of(ramp(0, 161), ramp(0, 240.4), ramp(0, 323)))));
        assertEquals(" In this run no step held in any of the 3 ramps: at the lowest step, 5 req/s, the p95 was"
                + " already 161 ms, 240 ms, 323 ms (one figure per ramp).", text);
        assertFalse(text.contains("up to 0"));
    }

    @Test
    void rampsThatHeldGiveTheirRateAndTheOthersTheirP95() {
        String text = BenchmarkRows.capacityMeasured(Map.of("api_capacity", Map.of("ramps",
                List.of(ramp(20, 30), ramp(0, 150)))));
        assertTrue(text.contains("held up to 20 req/s"), text);
        assertTrue(text.contains("in 1 ramp no step held (p95 150 ms at 5 req/s)"), text);
    }
}
