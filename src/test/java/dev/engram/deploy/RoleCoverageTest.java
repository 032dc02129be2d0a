package dev.engram.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every function's role in template.yaml against every AWS call its code made in this test run: the API function's
 * (REST resources and what they start), the split and process functions' (stages the local runner drives from their
 * queues) and the expire function's (the local schedule). Plain JUnit tests run after the Quarkus tests, so the calls
 * are all recorded by then. Fails on any call a role does not allow; lists the grants no call used
 * ({@code target/iam-coverage/<function>.txt}).
 */
class RoleCoverageTest {

    @Test
    void everyCallOfEveryFunctionIsAllowedByItsRole() {
        List<IamCoverage.Coverage> outcomes = IamCoverage.checkThisRun();
        Map<String, List<IamCoverage.Grant>> denied = new TreeMap<>();
        outcomes.forEach(c -> {
            if (!c.denied().isEmpty()) {
                denied.put(c.function(), c.denied());
            }
        });
        assertThat(denied).as("calls their roles do not allow").isEmpty();
    }
}
