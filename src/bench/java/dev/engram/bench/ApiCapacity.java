package dev.engram.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A step ramp of open-loop load ({@link OpenLoopLoad}): each step offers a fixed rate for a few seconds and starts when
 * the previous step's answers are in; the ramp stops at the first step whose p95 exceeds the limit or that lost a
 * request. The capacity is the highest rate of the steps that held, 0 when the first did not.
 */
final class ApiCapacity {

    /** The latency the API should keep at its capacity. */
    static final double P95_LIMIT_MS = Double.parseDouble(System.getProperty("bench.api-p95-limit-ms", "100"));
    /** Offered rates of the steps, requests/s. */
    static final List<Double> STEPS = Arrays.stream(System.getProperty("bench.api-steps", "5,10,20,40,60,80,100")
            .split(",")).map(String::strip).map(Double::parseDouble).toList();
    static final double STEP_SECONDS = Double.parseDouble(System.getProperty("bench.api-step-seconds", "5"));

    record Step(OpenLoopLoad.Result load) {
        boolean holds() {
            return load.failed() == 0 && load.p95() <= P95_LIMIT_MS;
        }
    }

    record Ramp(List<Step> steps) {
        /** The highest rate up to which every step held. */
        double capacity() {
            double held = 0;
            for (Step s : steps) {
                if (!s.holds()) {
                    break;
                }
                held = s.load().rate();
            }
            return held;
        }
    }

    private final OpenLoopLoad load;

    ApiCapacity(OpenLoopLoad load) {
        this.load = load;
    }

    Ramp run(List<String> texts, List<String> users) {
        List<Step> steps = new ArrayList<>();
        for (double rate : STEPS) {
            Step step = new Step(load.run(rate, STEP_SECONDS, texts, users));
            steps.add(step);
            Bench.log("api ramp: %.0f req/s p50 %.1f ms p95 %.1f ms, %d/%d accepted%s", rate, step.load().p50(),
                    step.load().p95(), step.load().accepted(), step.load().sent(), step.holds() ? "" : ": stop");
            if (!step.holds()) {
                break;
            }
        }
        return new Ramp(steps);
    }
}
