package io.github.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A flag that lives in a {@link Manager}'s process and that threads of any process can wait for.
 * Python's {@code manager.Event()}.
 *
 * <pre>{@code
 * EventProxy go = manager.event();
 * new Process(() -> { go.await(); System.out.println("started"); }).start();
 * go.set();
 * }</pre>
 *
 * Failures: see {@link Manager}.
 */
public interface EventProxy extends Serializable {

    boolean isSet();

    /** Sets the flag and wakes every waiter. */
    void set();

    void clear();

    /** Waits until the flag is set; returns true. */
    boolean await() throws InterruptedException;

    /** Waits at most {@code timeout} for the flag; returns the flag. Python's {@code wait(timeout)}. */
    boolean await(Duration timeout) throws InterruptedException;
}
