package dev.engram.platform.errors;

/** A file's content is of a kind Engram cannot read. */
public final class UnsupportedFileType extends DomainException {

    public UnsupportedFileType(String detail) {
        super(detail);
    }
}
