package dev.engram.lambda.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB stream record's image ({@code NewImage}: DynamoDB's typed JSON, {@code {"S":"…"}}, {@code {"N":"…"}}, …),
 * as read into plain maps, turned into the SDK's attribute values, so the item maps to a job as a read item does.
 */
final class StreamImages {

    private StreamImages() {
    }

    static Map<String, AttributeValue> item(Map<String, Object> image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, value(SocketEvents.map(value))));
        return item;
    }

    private static AttributeValue value(Map<String, Object> typed) {
        if (typed.size() != 1) {
            throw new IllegalArgumentException("not a typed DynamoDB value: " + typed);
        }
        var entry = typed.entrySet().iterator().next();
        Object v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(String.valueOf(v));
            case "N" -> AttributeValue.fromN(String.valueOf(v));
            case "BOOL" -> AttributeValue.fromBool(Boolean.parseBoolean(String.valueOf(v)));
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(String.valueOf(v))));
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "L" -> AttributeValue.fromL(((List<?>) v).stream().map(e -> value(SocketEvents.map(e))).toList());
            case "M" -> AttributeValue.fromM(item(SocketEvents.map(v)));
            default -> throw new IllegalArgumentException("a DynamoDB type this reader does not know: " + entry.getKey());
        };
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        ((List<?>) list).forEach(e -> out.add(String.valueOf(e)));
        return out;
    }
}
