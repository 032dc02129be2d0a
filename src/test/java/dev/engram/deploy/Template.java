package dev.engram.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** template.yaml as the checks see it: its sections, its functions with Globals applied, and a walker. */
final class Template {

    static final Path FILE = Path.of("template.yaml");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    static Template load() {
        return new Template(CloudFormationYaml.load(FILE));
    }

    Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String name) {
        return map(resources().get(name));
    }

    Map<String, Object> properties(String resource) {
        return map(resource(resource).getOrDefault("Properties", Map.of()));
    }

    /** Logical ids of the resources of {@code type}. */
    List<String> ofType(String type) {
        List<String> names = new ArrayList<>();
        resources().forEach((name, r) -> {
            if (type.equals(map(r).get("Type"))) {
                names.add(name);
            }
        });
        return names;
    }

    /** A function's properties with the Globals' function properties merged under them (one level deep for maps). */
    Map<String, Object> function(String name) {
        Map<String, Object> globals = map(map(section("Globals").getOrDefault("Function", Map.of())));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        properties(name).forEach((key, value) -> {
            Object global = merged.get(key);
            if (value instanceof Map<?, ?> v && "AWS::NoValue".equals(v.get("Ref"))) {
                merged.remove(key); // as SAM does: the function opts out of the global setting
            } else if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v) {
                Map<String, Object> both = new LinkedHashMap<>(map(g));
                both.putAll(map(v));
                merged.put(key, both);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A function's environment variables, the Globals' included. */
    Map<String, Object> environment(String function) {
        Map<String, Object> vars = new LinkedHashMap<>(map(map(map(section("Globals").getOrDefault("Function",
                Map.of())).getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of())));
        vars.putAll(map(map(properties(function).getOrDefault("Environment", Map.of())).getOrDefault("Variables",
                Map.of())));
        return vars;
    }

    /** A number, or a {@code !FindInMap} into the template's mappings, resolved. */
    int number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            return Integer.parseInt(s);
        }
        Map<String, Object> fn = map(value);
        if (fn.containsKey("Fn::FindInMap")) {
            List<Object> path = list(fn.get("Fn::FindInMap"));
            Object found = map(map(section("Mappings").get(path.get(0))).get(path.get(1))).get(path.get(2));
            return number(found);
        }
        throw new IllegalArgumentException("not a number the checks can resolve: " + value);
    }

    /** Calls {@code visit} for every map in the tree under {@code node}, with the logical path to it. */
    static void walk(Object node, String path, BiConsumer<String, Map<String, Object>> visit) {
        if (node instanceof Map<?, ?> m) {
            visit.accept(path, map(m));
            m.forEach((k, v) -> walk(v, path + "/" + k, visit));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path + "[" + i + "]", visit);
            }
        }
    }

    /** The {@code ${Name}} and {@code ${Name.Attribute}} references of a {@code !Sub} string. */
    static List<String> subVariables(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
