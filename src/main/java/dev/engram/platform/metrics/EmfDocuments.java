package dev.engram.platform.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders metric data as CloudWatch Embedded Metric Format documents, one JSON object per line. Metrics sharing the
 * same tags share a document (dimension values are members of the document's root); a tagged metric is declared
 * with its tags as dimensions and once more without dimensions, so alarms and dashboards can use the total. EMF
 * allows at most 100 metrics per document and 100 values per metric: bigger sets are split.
 */
public final class EmfDocuments {

    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfDocuments() {
    }

    /**
     * The EMF lines for {@code data}.
     *
     * @param namespace  the CloudWatch namespace
     * @param timestamp  milliseconds since the epoch the metrics belong to
     * @param data       the metrics
     * @param properties extra members of every document (not dimensions), e.g. the function name
     */
    public static List<String> render(String namespace, long timestamp, List<EmfMeterRegistry.Datum> data,
            Map<String, String> properties) {
        Map<Map<String, String>, List<EmfMeterRegistry.Datum>> byTags = new LinkedHashMap<>();
        for (EmfMeterRegistry.Datum datum : data) {
            byTags.computeIfAbsent(datum.tags(), t -> new ArrayList<>()).add(datum);
        }
        List<String> lines = new ArrayList<>();
        byTags.forEach((tags, metrics) -> {
            // One part per slice of 100 values; a metric with more values appears in several documents.
            List<List<Part>> documents = new ArrayList<>();
            List<Part> current = new ArrayList<>();
            for (EmfMeterRegistry.Datum datum : metrics) {
                for (int from = 0; from < datum.values().size(); from += MAX_VALUES) {
                    Part part = new Part(datum, datum.values().subList(from,
                            Math.min(datum.values().size(), from + MAX_VALUES)));
                    if (current.size() == MAX_METRICS || current.stream().anyMatch(p -> p.datum.name()
                            .equals(datum.name()))) {
                        documents.add(current);
                        current = new ArrayList<>();
                    }
                    current.add(part);
                }
            }
            if (!current.isEmpty()) {
                documents.add(current);
            }
            for (List<Part> document : documents) {
                lines.add(document(namespace, timestamp, tags, document, properties));
            }
        });
        return lines;
    }

    private record Part(EmfMeterRegistry.Datum datum, List<Double> values) {
    }

    private static String document(String namespace, long timestamp, Map<String, String> tags, List<Part> parts,
            Map<String, String> properties) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensions = directive.putArray("Dimensions");
        if (!tags.isEmpty()) {
            ArrayNode keys = dimensions.addArray();
            tags.keySet().forEach(keys::add);
        }
        dimensions.addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        properties.forEach(root::put);
        tags.forEach(root::put);
        for (Part part : parts) {
            metrics.addObject().put("Name", part.datum().name()).put("Unit", part.datum().unit());
            if (part.values().size() == 1) {
                root.put(part.datum().name(), part.values().get(0));
            } else {
                ArrayNode values = root.putArray(part.datum().name());
                part.values().forEach(values::add);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an EMF document", e);
        }
    }
}
