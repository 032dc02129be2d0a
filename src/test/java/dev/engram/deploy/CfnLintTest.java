package dev.engram.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code cfn-lint template.yaml}, as CloudFormation's own linter sees the template after the SAM transform: every
 * rule, the informational ones included ({@code .cfnlintrc.yaml}), and not a single finding. Skipped, and said so,
 * where cfn-lint is not on PATH.
 */
class CfnLintTest {

    @Test
    void cfnLintFindsNothingInTheTemplate() throws IOException, InterruptedException {
        Optional<Path> cfnLint = onPath("cfn-lint");
        if (cfnLint.isEmpty()) {
            System.out.println("==> cfn-lint is not on PATH: CfnLintTest skipped (pip install cfn-lint to run it)");
        }
        Assumptions.assumeTrue(cfnLint.isPresent(), "cfn-lint is not on PATH: template lint skipped");
        Process lint = new ProcessBuilder(cfnLint.get().toString(), Template.FILE.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();
        assertThat(output).as("cfn-lint findings (exit code %d)", lint.exitValue()).isEmpty();
        assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
    }

    /** The first executable called {@code name} on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
