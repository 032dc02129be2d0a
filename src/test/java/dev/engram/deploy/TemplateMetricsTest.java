package dev.engram.deploy;

import static dev.engram.deploy.Template.list;
import static dev.engram.deploy.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alarms read metrics the code emits: every Engram metric they name is a meter name in a
 * source that uses Micrometer, in the namespace the functions write their EMF documents to.
 */
class TemplateMetricsTest {

    private static final Pattern METER_NAME = Pattern.compile("\"(engram\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)+)\"");
    private static final Pattern BARE_VARIABLE = Pattern.compile(":\\s*\\$\\{[^}]+}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private final Template template = Template.load();

    @Test
    void everyEngramMetricOnTheDashboardIsEmittedByTheCode() throws Exception {
        Set<String> emitted = emitted();
        JsonNode dashboard = dashboard();
        String namespace = emfNamespace();
        Set<String> shown = new TreeSet<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).isTextual() && metric.get(0).asText().startsWith("Engram")) {
                    assertThat(metric.get(0).asText()).as("namespace of " + metric).isEqualTo(namespace);
                    shown.add(metric.get(1).asText());
                }
            }
        }
        assertThat(shown).as("Engram metrics on the dashboard").isNotEmpty();
        assertThat(emitted).as("meters the code emits").containsAll(shown);
        assertThat(shown).contains("engram.chunks.processed", "engram.memories.extracted", "engram.memories.confirmed",
                "engram.llm.requests", "engram.llm.rate_limited", "engram.extractions.zero_yield");
    }

    @Test
    void everyEngramMetricAnAlarmWatchesIsEmittedByTheCode() throws Exception {
        Set<String> emitted = emitted();
        String namespace = "Engram/${AWS::StackName}";
        int watched = 0;
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> props = template.properties(alarm);
            if (namespace.equals(map(props.get("Namespace")).get("Fn::Sub"))) {
                assertThat(emitted).as(alarm).contains(String.valueOf(props.get("MetricName")));
                watched++;
            }
            for (Object query : list(props.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(query).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    assertThat(String.valueOf(metric.get("Namespace"))).as(alarm).startsWith("AWS/");
                }
            }
            assertThat(list(props.get("AlarmActions"))).as(alarm + " notifies").isNotEmpty();
        }
        assertThat(watched).isPositive();
        assertThat(emfNamespace()).isEqualTo("Engram/" + "<AWS::StackName>");
    }

    @Test
    void theAlarmsCoverDeadLettersOldMessagesErrorRatesThrottlesAndZeroYield() {
        Set<String> metrics = new TreeSet<>();
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> props = template.properties(alarm);
            if (props.containsKey("MetricName")) {
                metrics.add(String.valueOf(props.get("MetricName")));
            } else {
                metrics.add(String.valueOf(map(list(props.get("Metrics")).get(1)).get("Id")));
            }
        }
        assertThat(metrics).contains("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                "Throttles", "engram.extractions.zero_yield", "errors");
    }

    /** The namespace the functions' EMF documents use, with {@code ${X}} written {@code <X>}. */
    private String emfNamespace() {
        Object value = template.environment("ProcessFunction").get("ENGRAM_METRICS_EMF_NAMESPACE");
        return VARIABLE.matcher(String.valueOf(map(value).get("Fn::Sub"))).replaceAll("<$1>");
    }

    private JsonNode dashboard() throws Exception {
        Object body = template.properties("Dashboard").get("DashboardBody");
        String text = String.valueOf(map(body).get("Fn::Sub"));
        text = BARE_VARIABLE.matcher(text).replaceAll(": 0");
        text = VARIABLE.matcher(text).replaceAll("<$1>");
        return new ObjectMapper().readTree(text);
    }

    /** Meter names in the sources that use Micrometer. */
    static Set<String> emitted() {
        Set<String> names = new TreeSet<>();
        for (SourceTree.Source source : SourceTree.read(SourceTree.MAIN)) {
            if (!source.text().contains("io.micrometer")) {
                continue;
            }
            Matcher m = METER_NAME.matcher(source.text());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
