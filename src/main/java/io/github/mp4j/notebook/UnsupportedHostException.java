package io.github.mp4j.notebook;

/**
 * The host kernel is not one mp4j can be installed in: no known kernel runs in this JVM, or its
 * version keeps what mp4j needs (its cell classes' bytes) where mp4j does not find it. The message
 * names the kernel and what is missing.
 */
public final class UnsupportedHostException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnsupportedHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
