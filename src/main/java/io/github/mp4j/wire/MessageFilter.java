package io.github.mp4j.wire;

import java.io.ObjectInputFilter;

/**
 * The deserialization filter of one message: the classes the user allows or refuses
 * ({@code mp4j.serialFilter}), a block-list of known gadget packages, and bounds that make what a
 * message costs the receiver grow with its size, whatever it claims.
 *
 * <p>The bounds, each checked as the stream is read, before anything is allocated for the part:
 * <ul>
 * <li>Arrays (and the tables that collections check as arrays: {@code ArrayList}'s elements,
 *     {@code HashMap}'s buckets): each element takes at least one byte of the stream (a primitive,
 *     its width), so an array may not declare more elements than the rest of the message can hold,
 *     give or take {@value #ARRAY_SLACK} (collections round their tables up); and all arrays of a
 *     message together may not declare more than {@value #ARRAY_BYTES_PER_BYTE} times its size
 *     (plus {@value #ARRAY_FLOOR}), so tables larger than their contents cannot add up.
 * <li>A depth of at most {@value #MAX_DEPTH} and at most {@value #MAX_REFERENCES} references.
 * </ul>
 * A filter belongs to one stream: it counts what that stream has declared so far. What hashing
 * costs is bounded by {@link HashingBudget}.
 */
final class MessageFilter implements ObjectInputFilter {

    static final int ARRAY_SLACK = 64;
    static final int ARRAY_BYTES_PER_BYTE = 4;
    static final int ARRAY_FLOOR = 4096;
    static final int MAX_DEPTH = 2000;
    static final int MAX_REFERENCES = 50_000_000;

    /** Refused whatever {@code mp4j.serialFilter} says: packages that carry known gadget chains. */
    private static final String BLOCK_LIST = String.join(";",
            "!org.apache.commons.collections.functors.*", "!org.apache.commons.collections4.functors.*",
            "!org.apache.commons.beanutils.*", "!org.codehaus.groovy.runtime.*",
            "!com.sun.org.apache.xalan.internal.xsltc.trax.*", "!org.apache.xalan.xsltc.trax.*",
            "!javax.management.*", "!java.rmi.*", "!sun.rmi.*", "!com.sun.rowset.*",
            "!com.sun.jndi.*", "!javax.naming.*", "!org.springframework.beans.factory.*",
            "!com.mchange.v2.c3p0.*", "!bsh.*", "!clojure.*", "!org.python.*", "!com.sun.syndication.*");

    /** The last value of {@code mp4j.serialFilter} and its filter; replaced when the property changes. */
    private static volatile Configured configured = new Configured("", null);

    private final ObjectInputFilter user;
    private final long messageBytes;
    private long arrayBytes;
    /** Why the last refusal happened, for the exception's message. */
    private String refusal;

    /**
     * A filter for one message of {@code messageBytes} bytes, with the current
     * {@code mp4j.serialFilter}.
     *
     * @throws IllegalArgumentException if the property is not a valid pattern list
     */
    MessageFilter(long messageBytes) {
        this.user = configured().filter;
        this.messageBytes = messageBytes;
    }

    /**
     * Whether {@code mp4j.serialFilter} refuses {@code type}, named by a message outside Java
     * serialization.
     *
     * @throws IllegalArgumentException if the property is not a valid pattern list
     */
    static boolean userRefuses(Class<?> type) {
        ObjectInputFilter user = configured().filter;
        return user != null && user.checkInput(new ClassOnly(type)) == Status.REJECTED;
    }

    private static Configured configured() {
        String pattern = System.getProperty("mp4j.serialFilter", "").trim();
        Configured current = configured;
        if (!current.pattern.equals(pattern)) {
            try {
                current = new Configured(pattern, pattern.isEmpty() ? null : ObjectInputFilter.Config.createFilter(pattern));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("system property mp4j.serialFilter: " + e.getMessage(), e);
            }
            configured = current;
        }
        return current;
    }

    /**
     * The failure of a message refused by a filter or a {@link HashingBudget}: one wording for every
     * refusal, naming the class ({@code null} when the refusal is the stream's) and why.
     */
    static FilterRejection refused(String className, String why) {
        return new FilterRejection(className, why);
    }

    /** Why this filter refused the stream, or null if it did not. */
    String refusal() {
        return refusal;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Status decided = user == null ? Status.UNDECIDED : user.checkInput(info);
        if (decided == Status.REJECTED) {
            return refuse("refused by mp4j.serialFilter: " + describe(info));
        }
        if (info.depth() > MAX_DEPTH) {
            return refuse("nested deeper than " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFERENCES) {
            return refuse("more than " + MAX_REFERENCES + " references");
        }
        Class<?> type = info.serialClass();
        if (type != null && type.isArray() && info.arrayLength() >= 0 && !withinBudget(type, info)) {
            return Status.REJECTED;
        }
        if (decided == Status.UNDECIDED && type != null && BlockList.FILTER.checkInput(info) == Status.REJECTED) {
            return refuse("a class of a package known for deserialization gadgets: " + type.getName());
        }
        return decided;
    }

    private boolean withinBudget(Class<?> type, FilterInfo info) {
        long length = info.arrayLength();
        long bytes = length * minimumBytes(type.getComponentType());
        long left = messageBytes - info.streamBytes();
        if (bytes > left + ARRAY_SLACK) {
            refuse("an array of " + length + " " + type.getComponentType().getName() + " in the last "
                    + left + " bytes of the message");
            return false;
        }
        arrayBytes += bytes;
        if (arrayBytes > ARRAY_BYTES_PER_BYTE * messageBytes + ARRAY_FLOOR) {
            refuse("arrays of " + arrayBytes + " bytes in all in a message of " + messageBytes + " bytes");
            return false;
        }
        return true;
    }

    /** The fewest stream bytes one element of this type takes: its width, or one for a reference (null). */
    private static int minimumBytes(Class<?> component) {
        if (component == long.class || component == double.class) {
            return 8;
        } else if (component == int.class || component == float.class) {
            return 4;
        } else if (component == short.class || component == char.class) {
            return 2;
        }
        return 1;
    }

    private Status refuse(String why) {
        refusal = why;
        return Status.REJECTED;
    }

    private static String describe(FilterInfo info) {
        return info.serialClass() != null ? info.serialClass().getName()
                : "a reference, depth " + info.depth();
    }

    private record Configured(String pattern, ObjectInputFilter filter) {
    }

    /** What a filter sees of a class named outside a stream. */
    private record ClassOnly(Class<?> serialClass) implements FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    /**
     * Made on first use: creating a filter sets up Java serialization's configuration (a logger
     * that scans the class path for a logging service, ~0.05 s of a fresh JVM), which a child that
     * only meets compact values never needs.
     */
    private static final class BlockList {
        static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(BLOCK_LIST);
    }
}
