package org.xcorr.io;

/**
 * A file could not be read or written as an array: missing, unreadable, corrupt, truncated, of an
 * unsupported type, or holding values the library cannot use. The message is one line that names the file
 * and says what is wrong; the command line prints it and exits with status 2. Control characters in the
 * message (from a file name or bytes of the file) are escaped ({@link Messages#printable}), so the message is
 * always a single printable line.
 */
public final class InputException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message that names the file. */
    public InputException(String message) {
        super(Messages.printable(message));
    }

    /** An exception with a one-line message and its cause (kept for {@code --verbose}). */
    public InputException(String message, Throwable cause) {
        super(Messages.printable(message), cause);
    }
}
