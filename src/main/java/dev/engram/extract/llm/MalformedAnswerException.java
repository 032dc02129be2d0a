package dev.engram.extract.llm;

/** The provider answered, but not with JSON of the expected shape (or with nothing at all). */
public class MalformedAnswerException extends RuntimeException {

    public MalformedAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
