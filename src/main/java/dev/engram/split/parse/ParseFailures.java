package dev.engram.split.parse;

import java.nio.file.Path;

/** Turns a parser's exception into the short "what failed" part of a user-facing message. */
final class ParseFailures {

    private static final int MAX_CHARS = 300;

    private ParseFailures() {
    }

    /**
     * The exception's type and message; locations of the file on this machine are replaced by its name, since the
     * message goes back to the user.
     */
    static String describe(Throwable e, Path file) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (file != null) {
            String name = String.valueOf(file.getFileName());
            message = message.replace(file.toAbsolutePath().toString(), name).replace(file.toString(), name);
        }
        String text = message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
    }
}
