package io.github.mp4j.spawn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JVM options that every child started from now on gets, added by the parts of mp4j whose objects
 * need them in a child (a Manager proxy on a cluster joins it from the child, and Ignite needs its
 * {@code --add-opens} list there). Children already started, warm ones included, keep theirs.
 */
public final class ChildOptions {

    private static final List<String> OPTIONS = new CopyOnWriteArrayList<>();
    private static final List<String> INHERITED = List.of("mp4j.serialFilter", "mp4j.maxMessageBytes");

    private ChildOptions() {}

    /** Gives {@code options} to every child started from now on (each option once). */
    public static synchronized void add(Collection<String> options) {
        for (String option : options) {
            if (!OPTIONS.contains(option)) {
                OPTIONS.add(option);
            }
        }
    }

    /**
     * A {@code -D} option for each property that must agree on both ends of a stream
     * ({@code mp4j.serialFilter}, {@code mp4j.maxMessageBytes}) and is set in this JVM, giving a
     * child (a worker, a cluster node) this JVM's value.
     */
    public static List<String> inheritedProperties() {
        List<String> options = new ArrayList<>();
        for (String property : INHERITED) {
            String value = System.getProperty(property);
            if (value != null) {
                options.add("-D" + property + "=" + value);
            }
        }
        return options;
    }

    static List<String> all() {
        return List.copyOf(OPTIONS);
    }
}
