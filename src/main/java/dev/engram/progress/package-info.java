/**
 * Jobs and their progress, in the DynamoDB job table and its progress API. The table has one owner per kind of item:
 * {@link dev.engram.progress.JobStore} (job records and their states), {@link dev.engram.progress.ChunkLedger}
 * (chunk outcomes and the counts they move: the process stage, and the dead-letter sweep and chat jobs that explain
 * a chunk's failure), {@link dev.engram.progress.PageRangeLedger} (the page ranges of a big PDF: the split stage
 * only), {@link dev.engram.progress.IdempotencyStore} (Idempotency-Keys: submission only), and
 * {@link dev.engram.progress.GroupStore} and {@link dev.engram.progress.DeadLetterLedger} for groups and dead letters.
 * States, stages and outcomes are enums whose wire names are what the table stores. Who may use which ledger is
 * checked by {@code ModularityTest}.
 */
package dev.engram.progress;
