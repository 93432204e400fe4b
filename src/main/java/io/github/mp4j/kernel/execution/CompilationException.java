package io.github.mp4j.kernel.execution;

import java.util.List;

/**
 * A cell did not compile. {@link #getMessage()} is the first problem in one line; {@link #report()}
 * holds every problem as lines for a notebook: location in the cell (1-based line and column), the
 * compiler's message, the offending source line, and a caret line marking the span.
 */
public final class CompilationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> report;

    CompilationException(String message, List<String> report) {
        this(message, report, null);
    }

    private CompilationException(String message, List<String> report, Throwable cause) {
        super(message, cause, false, false);
        this.report = List.copyOf(report);
    }

    /**
     * A host kernel's compilation error (JJava's, IJava's) for {@code code} as one of these: the
     * host's message, else the code that did not compile, and the host's exception as the cause.
     */
    public static CompilationException of(Throwable hostFailure, String code) {
        String message = hostFailure.getMessage() != null ? hostFailure.getMessage()
                : "does not compile: " + code.strip();
        return new CompilationException(message, List.of(message), hostFailure);
    }

    /** The formatted problems, one display line per element, without line separators. */
    public List<String> report() {
        return report;
    }
}
