package org.synvae.data.io;

/** Bytes that are not a well-formed protocol-buffer message; callers name the file when they report it. */
public class ProtoFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProtoFormatException(String message) {
        super(message);
    }
}
