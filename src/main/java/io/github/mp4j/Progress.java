package io.github.mp4j;

import io.github.mp4j.display.TimeFormat;

import java.time.Duration;
import java.util.Locale;

/**
 * How far one map of a {@link Pool} has come: items done and failed out of its total, how long it
 * has run, its rate and the time it still needs at that rate. An immutable snapshot, given to a
 * {@link ProgressListener} and listed by {@link PoolState#jobs()}; Python's pools have none (people
 * wrap {@code imap} in {@code tqdm}).
 *
 * <pre>{@code
 * Progress p = pool.state().jobs().get(0);
 * System.out.println(p.done() + "/" + p.total() + ", " + p.rate() + " items/s, ETA " + p.eta());
 * }</pre>
 *
 * <p>Items are the map's input elements (not its chunks): a chunk's elements count when the chunk
 * has finished. A failed chunk counts all its elements as failed, a cancelled one too.
 *
 * @param pool     the pool's name, e.g. {@code Pool-1}
 * @param job      the job's name, e.g. {@code map #3} ({@code imap}, {@code imap_unordered})
 * @param total    the items submitted
 * @param done     the items finished successfully
 * @param failed   the items that failed (an exception, a lost worker, cancellation)
 * @param elapsed  the time since the job was submitted, until it finished
 * @param finished whether every item has ended
 */
public record Progress(String pool, String job, long total, long done, long failed, Duration elapsed,
                       boolean finished) {

    private static final int TEXT_BAR_WIDTH = 30;

    /**
     * @throws IllegalArgumentException if a count is negative or {@code done + failed} exceeds
     *         {@code total}
     */
    public Progress {
        if (total < 0 || done < 0 || failed < 0 || done + failed > total) {
            throw new IllegalArgumentException("bad counts: " + done + " done and " + failed + " failed of " + total);
        }
        java.util.Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Items that have ended, successfully or not. */
    public long ended() {
        return done + failed;
    }

    /** The share of items that have ended, from 0 to 1 (1 for an empty job). */
    public double fraction() {
        return total == 0 ? 1 : (double) ended() / total;
    }

    /** Items ended per second so far; 0 before the first has ended. */
    public double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : ended() / seconds;
    }

    /**
     * The time the remaining items should take at the rate so far: zero once finished, null while
     * no item has ended (there is no rate yet).
     */
    public Duration eta() {
        if (finished || ended() >= total) {
            return Duration.ZERO;
        }
        if (ended() == 0) {
            return null;
        }
        return Duration.ofNanos((long) (elapsed.toNanos() * (double) (total - ended()) / ended()));
    }

    /**
     * One line for a terminal or a {@code text/plain} output, e.g.
     * {@code map #3 [#########.....................] 30/100 (2 failed) 12.5/s elapsed 2.40 s ETA 5.60 s}.
     */
    @Override
    public String toString() {
        int filled = (int) Math.floor(fraction() * TEXT_BAR_WIDTH);
        StringBuilder text = new StringBuilder(job).append(" [")
                .append("#".repeat(filled)).append(".".repeat(TEXT_BAR_WIDTH - filled)).append("] ")
                .append(ended()).append('/').append(total);
        if (failed > 0) {
            text.append(" (").append(failed).append(" failed)");
        }
        text.append(String.format(Locale.ROOT, " %.1f/s elapsed %s", rate(), TimeFormat.clock(elapsed)));
        Duration eta = eta();
        if (finished) {
            text.append(" done");
        } else {
            text.append(" ETA ").append(eta == null ? "?" : TimeFormat.clock(eta));
        }
        return text.toString();
    }
}
