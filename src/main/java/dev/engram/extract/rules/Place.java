package dev.engram.extract.rules;

import java.util.List;

/**
 * Where a sentence stands in the outline of the notes: the context a reader uses to understand a line such as
 * "Approved" or "Accepted, targeting 2.0".
 *
 * @param headingPath the headings above it, outermost first (the chunk's own when its text starts below them)
 * @param depth       list nesting: 0 for text and top-level items, 1 for an item under an item, ...
 * @param parent      the text of the item this one is nested under, or of the header row of its table; else null
 * @param quoted      true inside a quote block
 */
record Place(List<String> headingPath, int depth, String parent, boolean quoted) {

    static final Place TOP = new Place(List.of(), 0, null, false);

    Place {
        headingPath = List.copyOf(headingPath);
    }

    /** The heading path as a reader writes it ("Topics > New website launch"), or null when there is none. */
    String headingTrail() {
        return headingPath.isEmpty() ? null : String.join(" > ", headingPath);
    }
}
