package io.github.mp4j.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a conformance class, a CPython test that has no meaning in Java, with the reason.
 * Without {@link #method()} it covers every test of the class (the class then holds no tests).
 *
 * <pre>{@code
 * @NotApplicable(method = "test_lose_target_ref", reason = "relies on CPython's reference counting")
 * class TestProcess { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(NotApplicable.List.class)
public @interface NotApplicable {
    /** CPython's method name as written there ({@code test_lose_target_ref}); empty for the whole class. */
    String method() default "";

    /** Why the test has no meaning for mp4j. */
    String reason();

    /** The container of repeated {@link NotApplicable} declarations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        NotApplicable[] value();
    }
}
