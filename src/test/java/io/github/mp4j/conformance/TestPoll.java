package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestPoll}, for each start method: poll sees whole messages, never merged ones. */
@ParameterizedClass
@EnumSource(StartMethod.class)
class TestPoll {

    @Parameter
    StartMethod method;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void testEmptyString() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertFalse(a.poll());
            b.sendBytes(new byte[0]);
            assertTrue(a.poll(BOUND));
            assertTrue(a.poll());
        }
    }

    @Test
    void testStrings() throws Exception {
        List<String> strings = List.of("hello", "", "a", "b", "", "bye", "", "lop");
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            Process p = Children.start(method, () -> {
                for (String s : strings) {
                    Thread.sleep(100);
                    b.sendBytes(bytes(s));
                }
                b.close();
            });
            for (String s : strings) {
                for (int i = 0; i < 200 && !a.poll(Duration.ofMillis(10)); i++) {
                    // CPython's loop: poll in short steps, then receive regardless
                }
                assertArrayEquals(bytes(s), a.recvBytes());
            }
            Children.joined(p);
        }
    }

    @Test
    void testBoundaries() throws Exception {
        Pipe pipe = Pipe.open(false);
        try (Connection r = pipe.conn1(); Connection w = pipe.conn2()) {
            Process p = Children.start(method, () -> r.poll(Duration.ofSeconds(5)));
            Thread.sleep(2000);
            List<String> sent = List.of("first", "second");
            for (String s : sent) {
                w.sendBytes(bytes(s));
            }
            w.close();
            Children.joined(p);
            // the child's poll may have pulled a message in, but never half of one
            String received = new String(r.recvBytes(), StandardCharsets.US_ASCII);
            assertTrue(sent.contains(received), received);
        }
    }

    @Test
    void testDontMerge() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertFalse(a.poll(Duration.ZERO));
            assertFalse(a.poll(Duration.ofMillis(100)));
            Process p = Children.start(method, () -> {
                b.sendBytes(bytes("a"));
                b.sendBytes(bytes("b"));
                b.sendBytes(bytes("cd"));
            });
            assertTrue(a.poll(BOUND));
            assertArrayEquals(bytes("a"), a.recvBytes());
            assertTrue(a.poll(Duration.ofSeconds(10)));
            assertTrue(a.poll(Duration.ofSeconds(10)));
            assertArrayEquals(bytes("b"), a.recvBytes());
            assertTrue(a.poll(Duration.ofSeconds(10)));
            assertTrue(a.poll(Duration.ofSeconds(10)));
            assertTrue(a.poll(Duration.ZERO));
            assertArrayEquals(bytes("cd"), a.recvBytes());
            Children.joined(p);
        }
    }
}
