/**
 * Submitting work: text, files, uploads and bulk requests become jobs. Routes: {@code POST /api/v1/memories/extract}
 * ({@link dev.engram.ingest.ExtractResource}, {@link dev.engram.ingest.IngestService}),
 * {@code POST /api/v1/memories/extract/file} ({@link dev.engram.ingest.FileResource}),
 * {@code POST /api/v1/uploads} ({@link dev.engram.ingest.UploadResource}, both over
 * {@link dev.engram.ingest.FileIngestService}), {@code POST /api/v1/memories/extract/bulk} and its status
 * ({@link dev.engram.ingest.BulkResource}), and cancel, retry and delete of a job
 * ({@link dev.engram.ingest.JobControlResource}, {@link dev.engram.ingest.JobControl}). It writes the job record
 * ({@link dev.engram.progress.JobStore}), the Idempotency-Key ({@link dev.engram.progress.IdempotencyStore}) and the
 * input object, and hands the job to the split stage. A bulk {@code message} item given by id reads the caller's
 * stored chat message through {@link dev.engram.ingest.StoredMessages}, which ingest owns and chat implements. It
 * owns no Postgres table; other features use nothing of it but that contract.
 */
package dev.engram.ingest;
