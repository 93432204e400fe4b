package io.github.mp4j.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a ported test that asserts mp4j's behaviour where it deliberately differs from CPython's.
 * The test still runs and must pass; {@link ConformanceTable} lists it with {@link #value()}.
 *
 * <pre>{@code
 * @Test
 * @Deliberate("Java queues reject null: a null item is almost always a bug in the caller")
 * void testPutNone() { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Deliberate {
    /** Why mp4j differs, in a sentence a reader of docs/conformance.md understands. */
    String value();
}
