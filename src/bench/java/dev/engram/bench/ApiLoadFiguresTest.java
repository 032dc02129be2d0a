package dev.engram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
