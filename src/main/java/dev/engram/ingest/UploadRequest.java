package dev.engram.ingest;

/**
 * Body of {@code POST /api/v1/uploads}: announces a file to be PUT straight to S3.
 *
 * @param filename      the file's name (kept in the object key)
 * @param contentType   the Content-Type the PUT will send (default application/octet-stream)
 * @param size          the file's size in bytes, if known (checked against the limit)
 * @param extractTypes  comma-separated types, or all
 * @param referenceDate ISO date the document was written
 * @param timezone      IANA zone for relative dates
 * @param autoSave      save without review
 */
record UploadRequest(String filename, String contentType, Long size, String extractTypes,
        String referenceDate, String timezone, Boolean autoSave) {
}
