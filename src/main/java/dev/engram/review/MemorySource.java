package dev.engram.review;

/**
 * A job's source as a saved memory records it. A chat job's source is {@code chat:<conversation id>}: its memories
 * say {@code chat} and carry the conversation's id, so they filter as chat and link back to where they were said.
 */
final class MemorySource {

    private MemorySource() {
    }

    /** SQL for the memory's source, given the SQL of the job's source (a parameter such as {@code $3}). */
    static String source(String jobSource) {
        return "CASE WHEN %1$s::text LIKE 'chat:%%' THEN 'chat' ELSE %1$s::text END".formatted(jobSource);
    }

    /** SQL for the memory's conversation id: the part after {@code chat:}, else null. */
    static String conversation(String jobSource) {
        return "CASE WHEN %1$s::text LIKE 'chat:%%' THEN substr(%1$s::text, 6) END".formatted(jobSource);
    }
}
