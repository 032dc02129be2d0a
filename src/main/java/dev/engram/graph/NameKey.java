package dev.engram.graph;

import dev.engram.extract.EntityType;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key under which the graph finds an entity by name: NFKC, lower case, no accents and no punctuation, so that
 * "ACME Corporation", "Acme Corp" and "Acme, Inc." are one organization and "Dr. José Núñez" and "Jose Nunez" one
 * person. Persons drop honorifics and generational suffixes, organizations their legal form and a leading "the";
 * spelled-out initials ("D.G.I.A.") read as the acronym ("dgia").
 */
final class NameKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
            "sir", "dame", "madam", "herr", "frau", "mme", "mlle");
    private static final Set<String> PERSON_SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "phd", "md", "esq");
    private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "corp", "corporation", "co", "company",
            "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "sarl", "plc", "bv", "nv", "srl", "spa", "pty", "oy",
            "ab", "kk", "llp", "lp", "pte", "se", "kg", "ug", "group", "holdings");

    private NameKey() {
    }

    /** The key of {@code name} as an entity of {@code type}; empty when nothing of the name is left. */
    public static String of(EntityType type, String name) {
        List<String> words = words(name);
        if (type == EntityType.PERSON) {
            while (words.size() > 1 && HONORIFICS.contains(words.get(0))) {
                words.remove(0);
            }
            while (words.size() > 1 && PERSON_SUFFIXES.contains(words.get(words.size() - 1))) {
                words.remove(words.size() - 1);
            }
        } else if (type == EntityType.ORGANIZATION) {
            if (words.size() > 1 && words.get(0).equals("the")) {
                words.remove(0);
            }
            while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) {
                words.remove(words.size() - 1);
            }
        }
        return String.join(" ", words);
    }

    /**
     * The initials of a name of several words ("International Business Machines" → "ibm"), for organizations,
     * projects and products, which people shorten so; null for a name of one word and for other types.
     */
    public static String acronym(EntityType type, String name) {
        if (type != EntityType.ORGANIZATION && type != EntityType.PROJECT && type != EntityType.PRODUCT) {
            return null;
        }
        List<String> words = new ArrayList<>(Arrays.asList(of(type, name).split(" ")));
        words.removeIf(w -> w.isEmpty() || Set.of("of", "and", "for", "the", "de", "der", "und").contains(w));
        if (words.size() < 2) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        words.forEach(w -> out.appendCodePoint(w.codePointAt(0)));
        return out.toString();
    }

    private static List<String> words(String name) {
        if (name == null) {
            return new ArrayList<>();
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
        folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        folded = folded.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder initials = new StringBuilder();
        // "D.G.I.A." and "D G I A" are the acronym written out: single letters in a row join into one word.
        for (String w : NOT_WORD.split(folded.replace("'", "").replace("’", ""))) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.length() == 1 && Character.isLetter(w.charAt(0))) {
                initials.append(w);
                continue;
            }
            if (!initials.isEmpty()) {
                words.add(initials.toString());
                initials.setLength(0);
            }
            words.add(w);
        }
        if (!initials.isEmpty()) {
            words.add(initials.toString());
        }
        return words;
    }
}
