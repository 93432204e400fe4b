package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestManagerRestart}: a manager's address can be served again at once after shutdown. */
class TestManagerRestart {

    @Test
    void testRapidRestart() throws Exception {
        byte[] authkey = TestRemoteManager.randomKey();
        String address;
        try (Manager manager = Manager.serve("127.0.0.1:0", authkey)) {
            manager.register("get_queue", () -> TestRemoteManager.QUEUE);
            address = manager.address();
            Process p = Children.start(null, () -> TestRemoteManager.putFromAnotherProcess(address, authkey, "hello world"));
            Children.joined(p);
            TestRemoteManager.QueueApi queue = manager.create("get_queue", TestRemoteManager.QueueApi.class);
            assertEquals("hello world", queue.poll(60, TimeUnit.SECONDS));
        }
        try (Manager again = Manager.serve(address, authkey)) {
            assertEquals(address, again.address());
        }
    }
}
