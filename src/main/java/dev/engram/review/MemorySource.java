package dev.engram.review;

/**
 * A job's source as a saved memory records it. A chat job's source is {@code chat:<conversation id>}: its memories
 * say {@code chat} and carry the conversation's id, so they filter as chat and link back to where they were said.
 */
final class MemorySource {

    private static final String CHAT = "chat:";

    private MemorySource() {
    }

    /** The memory's source, given the job's source. */
    static String source(String jobSource) {
        return jobSource != null && jobSource.startsWith(CHAT) ? "chat" : jobSource;
    }

    /** The memory's conversation id: the part of the job's source after {@code chat:}, else null. */
    static String conversation(String jobSource) {
        return jobSource != null && jobSource.startsWith(CHAT) ? jobSource.substring(CHAT.length()) : null;
    }
}
