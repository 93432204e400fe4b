package io.github.mp4j.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.AcquirerProxy;
import io.github.mp4j.DictProxy;
import io.github.mp4j.Eventually;
import io.github.mp4j.Held;
import io.github.mp4j.Manager;
import io.github.mp4j.OpenDescriptors;
import io.github.mp4j.Process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A manager's Lock taken in shared memory by clients on its host and through the server by the
 * others: both kinds exclude each other, and a remote holder's end is handled by the server.
 * {@code new RemoteAcquirer(handle)} is the proxy a TCP client has: every call a request.
 */
@Timeout(600)
class ManagerLockMappingTest {

    private static final Duration BOUND = Duration.ofSeconds(120);

    private static RemoteAcquirer remoteView(AcquirerProxy lock) {
        return new RemoteAcquirer(((MappedAcquirer) lock).handle);
    }

    /**
     * Closes the connection of {@code thread}; the server ends its session in the background, which
     * the pause lets happen before the test looks (a slower server makes the test weaker, not flaky).
     */
    private static void disconnect(ExecutorService thread, RpcStore store) throws Exception {
        onThread(thread, () -> {
            store.disconnect();
            return null;
        });
        Thread.sleep(500);
    }

    /** Runs {@code call} on a thread of its own, which has its own connection (its own session). */
    private static <T> T onThread(ExecutorService thread, Callable<T> call) throws Exception {
        return thread.submit(call).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void localAndRemoteAcquirersExcludeEachOther() throws Exception {
        try (Manager manager = Manager.start()) {
            AcquirerProxy lock = manager.lock();
            RemoteAcquirer remote = remoteView(lock);
            assertTrue(((MappedAcquirer) lock).isMapped(), "a client of a UNIX-socket manager maps the lock");

            assertTrue(remote.acquire());
            assertFalse(lock.acquire(false), "held through the server, seen in shared memory");
            assertEquals("<Lock(locked)>", lock.toString());
            remote.release();
            assertTrue(lock.acquire(false));
            assertFalse(remote.acquire(false), "held in shared memory, seen by the server");
            assertFalse(remote.acquire(Duration.ofMillis(50)));
            remote.release(); // a Lock is not owned: the server may release a local hold
            IllegalStateException twice = assertThrows(IllegalStateException.class, lock::release);
            assertEquals("release unlocked lock", twice.getMessage());
            assertEquals("release unlocked lock",
                    assertThrows(IllegalStateException.class, remote::release).getMessage());
            assertEquals("<Lock(unlocked)>", remote.toString());
        }
    }

    @Test
    void aClosedManagerLeavesNothingOpenOnItsServersProcess() throws Exception {
        List<String> before = OpenDescriptors.targets("/stat");
        Manager manager = Manager.start();
        try {
            AcquirerProxy lock = manager.lock();
            assertTrue(lock.acquire());
            lock.release();
            assertTrue(((MappedAcquirer) lock).isMapped());
            List<String> watching = OpenDescriptors.targets("/stat");
            watching.removeAll(before);
            assertEquals(1, watching.size(), "the mapped lock watches its server: " + watching);
        } finally {
            manager.close();
        }
        List<String> after = OpenDescriptors.targets("/stat");
        after.removeAll(before);
        assertEquals(List.of(), after);
    }

    /** Two processes take the lock in shared memory, two through the server: nothing is lost. */
    @Test
    void mixedProcessesLoseNoUpdate() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict();
            AcquirerProxy lock = manager.lock();
            RemoteAcquirer remote = remoteView(lock);
            d.put("count", 400);
            List<Process> workers = new ArrayList<>();
            for (AcquirerProxy mine : List.of(lock, remote, lock, remote)) {
                boolean mapped = mine == lock;
                workers.add(new Process(() -> {
                    if (mine instanceof MappedAcquirer m && m.isMapped() != mapped) {
                        throw new AssertionError("mapped in the child: " + m.isMapped());
                    }
                    for (int k = 0; k < 100; k++) {
                        try (Held held = mine.hold()) {
                            d.put("count", d.get("count") - 1);
                        }
                    }
                }));
            }
            for (Process p : workers) {
                p.start();
            }
            for (Process p : workers) {
                p.join(BOUND);
                assertEquals(0, p.exitCode(), "worker " + p.name() + " mapped or not as expected, and ended well");
            }
            assertEquals(0, d.get("count"));
        }
    }

    /**
     * A remote holder whose connection ends is released by the server; but not when its hold was
     * released meanwhile by someone else and the lock is now another's.
     */
    @Test
    void theServerReleasesOnlyWhatAnEndedSessionStillHolds() throws Exception {
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Manager manager = Manager.start()) {
            AcquirerProxy lock = manager.lock();
            RemoteAcquirer remote = remoteView(lock);
            RpcStore store = (RpcStore) remote.handle.store;

            assertTrue(onThread(first, () -> remote.acquire()));
            disconnect(first, store);
            assertTrue(lock.acquire(BOUND), "the ended session's hold was released");

            // the first session's hold released locally, then the lock taken in shared memory
            lock.release();
            assertTrue(onThread(first, () -> remote.acquire()));
            lock.release();
            assertTrue(lock.acquire(false));
            disconnect(first, store);
            assertFalse(onThread(second, () -> remote.acquire(false)), "a local hold survives the stale session");
            lock.release();

            // ... or by another session
            assertTrue(onThread(first, () -> remote.acquire()));
            lock.release();
            assertTrue(onThread(second, () -> remote.acquire()));
            disconnect(first, store);
            assertFalse(lock.acquire(false), "the other session's hold survives the stale session");
            onThread(second, () -> {
                remote.release();
                return null;
            });
            assertTrue(lock.acquire(false));
            lock.release();
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    /** A process killed while it holds the lock in shared memory: a waiter takes it over. */
    @Test
    void aDeadLocalHolderIsTakenOverByALocalOrARemoteWaiter() throws Exception {
        try (Manager manager = Manager.start()) {
            for (boolean remoteWaiter : new boolean[] {false, true}) {
                AcquirerProxy lock = manager.lock();
                AcquirerProxy waiter = remoteWaiter ? remoteView(lock) : lock;
                DictProxy<String, Integer> d = manager.dict();
                Process holder = new Process(() -> {
                    lock.acquire();
                    d.put("held", 1);
                    Thread.sleep(600_000);
                });
                holder.setDaemon(true);
                holder.start();
                Eventually.holds(BOUND, () -> d.get("held") != null);
                assertEquals(1, d.get("held"), "the holder took the lock");
                assertFalse(waiter.acquire(false));
                holder.kill();
                holder.join(BOUND);
                assertTrue(waiter.acquire(BOUND), "the dead holder's lock is taken over");
                waiter.release();
            }
        }
    }

    /** TCP clients and the server's own JVM never map: every call is a request. */
    @Test
    void tcpClientsAndTheServingJvmAskTheServer() throws Exception {
        byte[] key = "mapping".getBytes(StandardCharsets.UTF_8);
        try (Manager served = Manager.serve("127.0.0.1:0", key)) {
            AcquirerProxy lock = served.lock();
            assertFalse(((MappedAcquirer) lock).isMapped());
            assertTrue(lock.acquire());
            Process child = new Process(() -> {
                AcquirerProxy same = lock;
                if (((MappedAcquirer) same).isMapped()) {
                    throw new AssertionError("a TCP client mapped the lock");
                }
                if (same.acquire(false)) {
                    throw new AssertionError("the served JVM's hold is not seen");
                }
            });
            child.start();
            child.join(BOUND);
            assertEquals(0, child.exitCode());
            lock.release();
        }
    }
}
