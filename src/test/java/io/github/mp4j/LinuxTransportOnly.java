package io.github.mp4j;

import io.github.mp4j.platform.Transport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Marks a test of the Linux transport's own machinery (FIFO descriptors, read-ahead blocks, the
 * 64 KiB pipe buffer), which the portable run (see {@link Transport}, pom.xml's {@code portable}
 * execution) skips: what the test checks does not exist there. Behaviour both transports share is
 * never marked.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf(value = "io.github.mp4j.LinuxTransportOnly$Condition#linuxTransport",
        disabledReason = "tests the Linux transport's machinery; this run uses the portable one")
public @interface LinuxTransportOnly {

    /** The annotation's condition. */
    final class Condition {
        private Condition() {}

        /** Whether this JVM runs the Linux transport. */
        static boolean linuxTransport() {
            return Transport.current() == Transport.LINUX;
        }
    }
}
