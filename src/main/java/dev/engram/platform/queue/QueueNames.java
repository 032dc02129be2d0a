package dev.engram.platform.queue;

/** The logical names of Engram's work queues. */
public final class QueueNames {

    /** Submissions and S3 notifications: one message per job to split. */
    public static final String INGEST = "ingest";
    /** One message per chunk to extract, embed and store. */
    public static final String CHUNKS = "chunks";
    /** New chat messages: one message per request that stored some, for the chat stage. */
    public static final String CHAT = "chat";
    /** Processed chunks whose memories wait for the knowledge graph: one message per chunk. */
    public static final String GRAPH = "graph";

    private QueueNames() {
    }
}
