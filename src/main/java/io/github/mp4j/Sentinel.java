package io.github.mp4j;

import java.util.function.BooleanSupplier;

/**
 * Stands for the end of a process in {@link Connection#await}: ready once the process has ended.
 * Python's {@code Process.sentinel} (there a file descriptor). Two sentinels of the same process
 * are equal, so a sentinel can be looked up in the list that {@code await} returns.
 *
 * <pre>{@code
 * List<Sentinel> ended = Connection.await(List.of(p1.sentinel(), p2.sentinel()), null);
 * System.out.println(ended.contains(p1.sentinel()) ? "p1 ended first" : "p2 ended first");
 * }</pre>
 */
public final class Sentinel {

    private final Object process;
    private final String description;
    private final BooleanSupplier ended;

    /** The sentinel of {@code process} (identity decides equality), set once {@code ended} holds. */
    Sentinel(Object process, String description, BooleanSupplier ended) {
        this.process = process;
        this.description = description;
        this.ended = ended;
    }

    /** Whether the process has ended; never waits. */
    boolean isSet() {
        return ended.getAsBoolean();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sentinel sentinel && sentinel.process == process;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(process);
    }

    @Override
    public String toString() {
        return "<Sentinel of " + description + (isSet() ? ", set" : "") + ">";
    }
}
