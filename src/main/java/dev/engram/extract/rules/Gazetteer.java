package dev.engram.extract.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The places the rules extractor recognises: every country {@link Locale} names in English, the continents, regions,
 * states and cities of {@value #RESOURCE}, and demonyms that stand for a place ("the European market" is about
 * Europe). Matching is case-sensitive on whole words, longest name first, so "New York City" wins over "York".
 */
final class Gazetteer {

    static final String RESOURCE = "/extract/places.txt";

    /** A place named in a text: the words as written, the place they name, and where. */
    record Mention(String text, String place, int start, int end) {
    }

    private final Map<String, String> canonical;
    private final Pattern pattern;

    private Gazetteer(Map<String, String> canonical) {
        this.canonical = canonical;
        List<String> names = new ArrayList<>(canonical.keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(n));
        }
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    /** The gazetteer that ships with Engram. */
    static Gazetteer shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final Gazetteer INSTANCE = load();
    }

    /** The places named in {@code text}, in order. */
    List<Mention> find(String text) {
        List<Mention> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Mention(m.group(), canonical.get(m.group()), m.start(), m.end()));
        }
        return out;
    }

    /** The place {@code name} names (itself, or what a demonym stands for), or null when it is not a place. */
    String place(String name) {
        return canonical.get(name);
    }

    private static Gazetteer load() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
            if (!name.isBlank() && !name.equals(code)) {
                names.put(name, name);
            }
        }
        names.put("Czech Republic", "Czechia");
        names.put("Holland", "Netherlands");
        names.put("the Netherlands", "Netherlands");
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
                    continue;
                }
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    names.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
                } else {
                    names.put(line, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Gazetteer(names);
    }
}
