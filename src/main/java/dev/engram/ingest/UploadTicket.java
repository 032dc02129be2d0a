package dev.engram.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * Where and how to upload a file; the job starts when the object lands.
 *
 * @param taskId       the job, for progress
 * @param extractionId the extraction, for review
 * @param status       processing
 * @param uploadUrl    the presigned URL
 * @param method       PUT
 * @param headers      headers the PUT must send exactly
 * @param expiresAt    when the URL stops working
 */
record UploadTicket(String taskId, String extractionId, String status, String uploadUrl, String method,
        Map<String, String> headers, Instant expiresAt) {
}
