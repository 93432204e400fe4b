package io.github.mp4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Captures what this JVM prints on {@code System.err} or {@code System.out} (a child's output
 * included: it is copied to the parent's current streams) until {@link #close()}, which puts the
 * original stream back. Tests run one at a time in their JVM, so no other test's output is caught.
 *
 * <pre>{@code
 * CapturedOutput err = CapturedOutput.ofErr();
 * try (err) {
 *     process.start();
 *     process.join(BOUND);
 * }
 * assertTrue(err.text().contains("could not start its task"), err.text());
 * }</pre>
 */
public final class CapturedOutput implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream original;
    private final Consumer<PrintStream> set;

    private CapturedOutput(Supplier<PrintStream> get, Consumer<PrintStream> set) {
        this.original = get.get();
        this.set = set;
        set.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** Captures {@code System.err} from now until {@link #close()}. */
    public static CapturedOutput ofErr() {
        return new CapturedOutput(() -> System.err, System::setErr);
    }

    /** Captures {@code System.out} from now until {@link #close()}. */
    public static CapturedOutput ofOut() {
        return new CapturedOutput(() -> System.out, System::setOut);
    }

    /** What was printed so far (UTF-8). */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Puts the original stream back; what was captured stays readable. */
    @Override
    public void close() {
        set.accept(original);
    }
}
