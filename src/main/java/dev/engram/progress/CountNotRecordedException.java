package dev.engram.progress;

/**
 * A count could not be written now: DynamoDB cancelled its transaction for a reason that says nothing about the
 * chunk (a conflict with a concurrent transaction on the job, throttling) and retrying did not get it through. The
 * caller fails the delivery so the message comes back; it must never be taken for "already counted".
 */
public class CountNotRecordedException extends RuntimeException {

    CountNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
