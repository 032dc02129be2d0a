package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 1,000-page PDF through the pipeline (presigned upload, page-range split, chunk processing, storage) by an
 * Engram whose heap is capped at 512 MB; the figure is the process's peak resident set ({@code VmHWM}).
 */
final class PdfRun {

    record Result(int pages, long bytes, int chunks, String state, double seconds, double peakRssMb,
            double maxSampledRssMb) {
    }

    Result run(Path pdf, int pages, Duration timeout) throws Exception {
        int port = Bench.HTTP_PORT;
        Map<String, String> env = Bench.engramEnv(Bench.PREFIX + "pdf-", port);
        try (var app = EngramProcess.start("pdf", Bench.APPS.resolve("default"), jvmOptions(), env,
                Bench.OUT.resolve("logs/engram-pdf.log"))) {
            app.awaitHttp200(java.net.URI.create("http://localhost:" + port + "/q/health/ready"),
                    Duration.ofSeconds(120));
            EngramApi api = new EngramApi(port);
            byte[] content = Files.readAllBytes(pdf);
            long t0 = System.nanoTime();
            JsonNode ticket = api.upload("bench-pdf", pdf.getFileName().toString(), content);
            String taskId = ticket.get("task_id").asText();
            long deadline = t0 + timeout.toNanos();
            double maxRss = 0;
            JsonNode progress;
            long lastLog = 0;
            while (true) {
                progress = api.progress("bench-pdf", taskId);
                maxRss = Math.max(maxRss, app.rssMb());
                String state = progress.path("state").asText();
                if (!state.equals("pending") && !state.equals("processing")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the PDF job did not finish in " + timeout + ": " + progress);
                }
                if (System.nanoTime() - lastLog > 30e9) {
                    Bench.log("pdf: %s %s%% (%.0f s, RSS %.0f MB)", state, progress.path("progress").asText(),
                            (System.nanoTime() - t0) / 1e9, app.rssMb());
                    lastLog = System.nanoTime();
                }
                Bench.sleep(250);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(pages, content.length, progress.path("total_chunks").asInt(),
                    progress.path("state").asText(), seconds, app.peakRssMb(), maxRss);
        }
    }

    /** The deployed functions' JVM options with the heap capped at 512 MB. */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(Bench.FUNCTION_JVM_OPTS);
        options.add("-Xmx512m");
        return options;
    }
}
