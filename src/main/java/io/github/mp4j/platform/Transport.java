package io.github.mp4j.platform;

import java.util.Locale;

/**
 * Which machinery carries pipes, locks and shared memory in this JVM: the one home of that choice.
 *
 * <ul>
 * <li>{@link #LINUX}: FIFOs reopened through {@code /proc/<pid>/fd}, shared memory in
 *     {@code /dev/shm}, liveness from {@code /proc/<pid>/stat}. The fast path, and the default on
 *     Linux.
 * <li>{@link #PORTABLE}: only what every JDK 17+ offers on Linux, macOS and Windows 10+: UNIX-domain
 *     socket channels (JEP 380), memory-mapped files in a private temporary folder, and
 *     {@link ProcessHandle} (pid and start instant) for liveness. The default everywhere else; forced
 *     on Linux with {@code -Dmp4j.transport=portable}, which is how the test suite proves it without
 *     a Mac.
 * </ul>
 *
 * <pre>{@code
 * if (Transport.current() == Transport.PORTABLE) { ... }   // read once, per JVM
 * }</pre>
 *
 * <p>The system property {@value #PROPERTY} is read once, when this class initializes; a child JVM is
 * always started with its parent's choice ({@link #childOption()}), since both ends of every handle
 * must agree. In portable mode, every Linux-only path goes through {@link LinuxPaths}, which refuses
 * it with a {@link LinuxOnlyPathError}, so a path that was missed fails loudly instead of working
 * only on Linux.
 */
public enum Transport {

    LINUX, PORTABLE;

    /** The system property that chooses: {@code linux} or {@code portable}. */
    public static final String PROPERTY = "mp4j.transport";

    private static final Transport CURRENT = choose(System.getProperty(PROPERTY), System.getProperty("os.name", ""));

    /** The transport of this JVM. */
    public static Transport current() {
        return CURRENT;
    }

    /**
     * The transport that {@code property} (null: unset) asks for on the operating system
     * {@code osName}: unset means Linux's on Linux and the portable one elsewhere; Linux's on another
     * system is refused, since it cannot work there.
     *
     * @throws IllegalArgumentException for a value that is neither {@code linux} nor {@code portable},
     *         or {@code linux} on another system
     */
    static Transport choose(String property, String osName) {
        boolean onLinux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (property == null || property.isBlank()) {
            return onLinux ? LINUX : PORTABLE;
        }
        Transport chosen;
        try {
            chosen = valueOf(property.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + property
                    + ": expected linux or portable", e);
        }
        if (chosen == LINUX && !onLinux) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=linux needs Linux (/proc, /dev/shm, mkfifo);"
                    + " this is " + osName);
        }
        return chosen;
    }

    /** The JVM option that gives a child this JVM's transport; it comes last, so nothing overrides it. */
    public static String childOption() {
        return "-D" + PROPERTY + "=" + CURRENT.name().toLowerCase(Locale.ROOT);
    }
}
