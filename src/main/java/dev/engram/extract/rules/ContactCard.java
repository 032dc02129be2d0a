package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One person's contact details gathered from headers, signatures and prose, merged as they are found. */
final class ContactCard {

    private String name;
    private final Set<String> emails = new LinkedHashSet<>();
    private String phone;
    private String role;
    private String organization;
    private int start = Integer.MAX_VALUE;
    private int end = -1;
    private boolean spanIsSignature;
    private double cue;

    void name(String value) {
        if (value != null && (name == null || value.length() > name.length())) {
            name = value.strip();
        }
    }

    void email(String value) {
        emails.add(value.toLowerCase(Locale.ROOT));
    }

    void phone(String value) {
        if (phone == null) {
            phone = value;
        }
    }

    void role(String value) {
        if (role == null) {
            role = value;
        }
    }

    void organization(String value) {
        if (organization == null) {
            organization = value;
        }
    }

    /** Records where the details were read; a signature block, the fullest source, replaces a header line. */
    void span(int from, int to, boolean signature) {
        if (start == Integer.MAX_VALUE || signature && !spanIsSignature) {
            start = from;
            end = to;
            spanIsSignature = signature;
        }
    }

    void cue(double base) {
        cue = Math.max(cue, base);
    }

    /** The contact as a memory, when it has at least a name or an address. */
    Optional<Draft> toDraft() {
        String who = name != null ? name : nameFromAddress();
        if (who == null && emails.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (who != null) {
            meta.put("name", who);
        }
        if (!emails.isEmpty()) {
            meta.put("emails", List.copyOf(emails));
        }
        if (phone != null) {
            meta.put("phone", phone);
        }
        if (role != null) {
            meta.put("role", role);
        }
        if (organization != null) {
            meta.put("organization", organization);
        }
        if (who != null) {
            meta.put("people", List.of(who));
        }
        double base = cue;
        if (name == null) {
            base = Math.min(base, Confidence.SOFT);
        } else if (!emails.isEmpty() && (role != null || phone != null)) {
            base = Math.max(base, Confidence.LABEL);
        }
        return Optional.of(new Draft(MemoryType.CONTACT, content(who), Confidence.clamp(base), meta,
                start == Integer.MAX_VALUE ? -1 : start, end, -1, List.of()));
    }

    private String content(String who) {
        List<String> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder(who != null ? who : emails.iterator().next());
        if (role != null) {
            head.append(", ").append(role);
        }
        if (organization != null) {
            head.append(role != null ? " at " : ", ").append(organization);
        }
        parts.add(head.toString());
        List<String> reach = new ArrayList<>();
        if (who != null) {
            reach.addAll(emails);
        }
        if (phone != null) {
            reach.add(phone);
        }
        if (!reach.isEmpty()) {
            parts.add(String.join(", ", reach));
        }
        return String.join(" — ", parts);
    }

    /** "jane.doe@acme.com" → "Jane Doe"; nothing for addresses that do not spell a name. */
    private String nameFromAddress() {
        if (emails.isEmpty()) {
            return null;
        }
        String local = emails.iterator().next().split("@")[0];
        String[] parts = local.split("[._-]");
        if (parts.length != 2 || !parts[0].matches("[a-z]{2,}") || !parts[1].matches("[a-z]{2,}")) {
            return null;
        }
        return cap(parts[0]) + " " + cap(parts[1]);
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
