package io.github.mp4j;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Hears how the maps of a {@link Pool} progress ({@code map}, {@code mapAsync}, {@code starmap},
 * {@code imap}, {@code imapUnordered} and {@link ProcessPoolExecutor}'s {@code map}; not
 * {@code apply}): what a command-line program needs to draw a progress bar with an ETA, as
 * Python programs do with {@code tqdm}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().processes(4).progress(ProgressListener.textBar(System.err)).build()) {
 *     pool.map(x -> slow(x), inputs);        // map #1 [########......] 512/1000 85.3/s elapsed 6.00 s ETA 5.72 s
 * }
 * }</pre>
 *
 * <p>When it is called: once when a job is submitted (nothing done yet), then after items end, at
 * most every {@value #INTERVAL_MILLIS} ms per job, and once with the final state
 * ({@link Progress#finished()}). Calls run in this JVM: on the thread that submitted the job, or
 * the one that read a worker's reply, so keep them quick (a slow listener holds up that worker's
 * results). When the last item ends with its reply, the final call comes before the job's result
 * is ready, so a program that waited for the result has seen it; when it ends otherwise
 * ({@link Pool#terminate()}, a cancellation, a lost worker), the final call runs on the pool's
 * result thread and may come just after. Calls for one job never overlap and come in order; calls
 * for different jobs may overlap. An exception a listener throws is reported on stderr and the
 * pool goes on.
 */
@FunctionalInterface
public interface ProgressListener {

    /** The least time between two calls for one job, except the first and the last. */
    long INTERVAL_MILLIS = 100;

    /** Takes the job's current progress. */
    void progress(Progress progress);

    /**
     * A text bar on {@code out}, redrawn in place ({@code \r}) at most ten times a second, ending
     * with the final line and a newline: for a terminal (a file gets every redraw, separated by
     * {@code \r}). Every job of the pool draws on the same line, the latest one winning.
     */
    static ProgressListener textBar(PrintStream out) {
        Objects.requireNonNull(out, "out");
        long[] drawnAt = {System.nanoTime() - TimeUnit.SECONDS.toNanos(1)};
        return progress -> {
            synchronized (drawnAt) {
                long now = System.nanoTime();
                if (!progress.finished() && now - drawnAt[0] < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
                    return;
                }
                drawnAt[0] = now;
                out.print("\r" + progress + (progress.finished() ? "\n" : ""));
                out.flush();
            }
        };
    }
}
