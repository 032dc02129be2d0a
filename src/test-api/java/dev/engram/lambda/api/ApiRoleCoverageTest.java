package dev.engram.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.deploy.IamCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API function's role in template.yaml against every AWS call the API build made in this variant's tests (plain
 * JUnit tests run after the Quarkus tests): nothing it calls is denied. Grants no call used are listed in
 * {@code target/iam-coverage/ApiFunction.txt}.
 */
class ApiRoleCoverageTest {

    @Test
    void everyCallOfTheApiFunctionIsAllowedByItsRole() {
        List<IamCoverage.Coverage> outcomes = IamCoverage.checkThisRun();
        assertThat(outcomes).extracting(IamCoverage.Coverage::function).contains("ApiFunction");
        outcomes.forEach(c -> assertThat(c.denied()).as(c.function() + ": calls its role does not allow").isEmpty());
    }
}
