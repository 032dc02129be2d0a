package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.deploy.IamCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker functions' roles in template.yaml against every AWS call their handlers made in this variant's tests
 * (plain JUnit tests run after the Quarkus tests): nothing they call is denied. Grants no call used are listed in
 * {@code target/iam-coverage}. The graph function makes no AWS call (Postgres only), so it has no record here.
 */
class WorkerRoleCoverageTest {

    @Test
    void everyCallOfTheWorkerFunctionsIsAllowedByTheirRoles() {
        List<IamCoverage.Coverage> outcomes = IamCoverage.checkThisRun();
        assertThat(outcomes).extracting(IamCoverage.Coverage::function).contains("SplitFunction", "ProcessFunction", "ChatFunction");
        outcomes.forEach(c -> assertThat(c.denied()).as(c.function() + ": calls its role does not allow").isEmpty());
    }
}
