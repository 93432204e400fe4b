package io.github.mp4j.pool;

/** How one work item ended: its value, or the exception it failed with. */
final class Outcome {

    final Object value;
    final Throwable error;

    private Outcome(Object value, Throwable error) {
        this.value = value;
        this.error = error;
    }

    static Outcome ok(Object value) {
        return new Outcome(value, null);
    }

    static Outcome failed(Throwable error) {
        return new Outcome(null, error);
    }

    boolean failed() {
        return error != null;
    }
}
