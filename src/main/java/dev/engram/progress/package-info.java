/**
 * Jobs and their progress, in the DynamoDB job table and its progress API. The table has one owner per kind of item:
 * {@link dev.engram.progress.JobStore} (job records and their states), {@link dev.engram.progress.ChunkLedger}
 * (chunk outcomes and the counts they move: the process stage, and the dead-letter sweep and chat jobs that explain
 * a chunk's failure), {@link dev.engram.progress.PageRangeLedger} (the page ranges of a big PDF: the split stage
 * only), {@link dev.engram.progress.IdempotencyStore} (Idempotency-Keys: submissions and chat posts), and
 * {@link dev.engram.progress.GroupStore} and {@link dev.engram.progress.DeadLetterLedger} for groups and dead letters.
 * States, stages and outcomes are enums whose wire names are what the table stores. Who may use which ledger is
 * checked by {@code ModularityTest}.
 *
 * <p>Routes: {@code GET /api/v1/jobs} ({@link dev.engram.progress.JobsResource}),
 * {@code GET /api/v1/memories/extract/{task_id}/progress} as JSON and as server-sent events
 * ({@link dev.engram.progress.ProgressResource}) and {@code GET /api/v1/progress/socket}
 * ({@link dev.engram.progress.ProgressSocketResource}). Functions: {@code socket-authorize}
 * ({@link dev.engram.progress.SocketTokenVerifier}), {@code progress-socket}
 * ({@link dev.engram.progress.ProgressSubscriptions}), {@code progress-push} ({@link dev.engram.progress.ProgressPusher})
 * and the {@code sweep} schedule ({@link dev.engram.progress.JobSweeper}). It owns no Postgres table. Others use the
 * job model ({@link dev.engram.progress.Job}, {@link dev.engram.progress.JobState}, {@link dev.engram.progress.JobIds},
 * …), {@link dev.engram.progress.JobStore}, {@link dev.engram.progress.JobCompletion} and the ledgers above. The
 * knowledge graph implements {@link dev.engram.progress.GraphStates}, the port through which the job list and the
 * progress answer show each job's {@code graph_state} without this package depending on the graph.
 */
package dev.engram.progress;
