package io.github.mp4j.spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Copies a child's stdout or stderr to this JVM's <em>current</em> {@code System.out} or
 * {@code System.err}, a line at a time. The stream is looked up for every line, so a notebook
 * kernel that swaps {@code System.out} for each cell shows each line in the cell running when the
 * child printed it.
 */
public final class OutputPump extends Thread {

    private static final int MAX_PARTIAL_LINE = 8192;

    private final InputStream source;
    private final Supplier<PrintStream> target;

    public OutputPump(InputStream source, Supplier<PrintStream> target, String name) {
        super(name);
        setDaemon(true);
        this.source = source;
        this.target = target;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buf = new byte[8192];
        try (source) {
            for (int n; (n = source.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    line.write(buf[i]);
                    if (buf[i] == '\n' || line.size() >= MAX_PARTIAL_LINE) {
                        emit(line);
                    }
                }
            }
        } catch (IOException ignored) {
            // the child is gone; whatever it printed has been copied
        } finally {
            emit(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() > 0) {
            PrintStream out = target.get();
            if (out != null) { // a program that set System.out to null wants no output, as Python's None
                synchronized (out) {
                    out.write(line.toByteArray(), 0, line.size());
                    out.flush();
                }
            }
            line.reset();
        }
    }

    /** Waits until everything the child printed has been copied, for at most {@code millis}. */
    void drain(long millis) throws InterruptedException {
        join(millis);
    }
}
