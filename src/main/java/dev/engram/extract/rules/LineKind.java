package dev.engram.extract.rules;

/** How a source line was marked up; rules weigh a sentence differently by it. */
enum LineKind {
    /** Running text. */
    PLAIN,
    /** A bulleted or numbered list item. */
    BULLET,
    /** An unchecked checklist item ({@code - [ ]}): an open action. */
    OPEN_CHECKBOX,
    /** A checked checklist item ({@code - [x]}): already done, so never a task. */
    DONE_CHECKBOX,
    /** A row of a Markdown table ({@code | RFC-41 | Accepted |}); the row above the separator is its header. */
    TABLE_ROW,
    /** A heading or label line ({@code # Title}, {@code Action items:}, a short title line). */
    HEADING
}
