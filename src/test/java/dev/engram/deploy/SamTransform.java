package dev.engram.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * template.yaml after the AWS SAM transform (the roles, versions and aliases SAM generates), through the SAM translator
 * driven by {@code infra/sam/transform.py}. Tests that need it are skipped, and say so, where Python or the translator
 * is missing.
 */
final class SamTransform {

    static final Path SCRIPT = Path.of("infra/sam/transform.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamTransform() {
    }

    /** The transformed template with these parameter values (the others at their defaults). */
    static JsonNode of(Map<String, String> parameters) {
        Optional<Path> python = CfnLintTest.onPath("python3");
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on PATH: SAM transform checks skipped");
        List<String> command = new ArrayList<>(List.of(python.get().toString(), SCRIPT.toString(),
                Template.FILE.toString()));
        parameters.forEach((name, value) -> command.add(name + "=" + value));
        try {
            Path out = Files.createTempFile("engram-transformed", ".json");
            Path err = Files.createTempFile("engram-transform", ".log");
            try {
                Process transform = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!transform.waitFor(2, TimeUnit.MINUTES)) {
                    transform.destroyForcibly();
                    throw new IllegalStateException("the SAM transform took more than two minutes");
                }
                String errors = Files.readString(err, StandardCharsets.UTF_8);
                if (errors.contains("ModuleNotFoundError")) {
                    System.out.println("==> the SAM translator is not installed: SAM transform checks skipped");
                    Assumptions.abort("aws-sam-translator is not installed (pip install aws-sam-translator)");
                }
                if (transform.exitValue() != 0) {
                    throw new IllegalStateException("the SAM transform failed:\n" + errors);
                }
                return JSON.readTree(out.toFile());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@code make deploy} passes as DeploymentSha256 for these parameter overrides. */
    static String deploymentSha(List<String> overrides) {
        List<String> command = new ArrayList<>(List.of("bash", "infra/sam/deployment-sha.sh", "."));
        command.addAll(overrides);
        try {
            Process sha = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(sha.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!sha.waitFor(1, TimeUnit.MINUTES) || sha.exitValue() != 0) {
                throw new IllegalStateException("deployment-sha.sh failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
