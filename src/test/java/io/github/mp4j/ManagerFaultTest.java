package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the manager does when things go wrong: a killed server, bad clients, many clients at once. */
@Timeout(600)
class ManagerFaultTest {

    private static final Duration BOUND = Duration.ofSeconds(120);

    private static Process managerProcess() {
        return Process.activeChildren().stream().filter(p -> p.name().startsWith("SyncManager-"))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aKilledManagerMakesEveryCallFailFast() throws Exception {
        Manager manager = Manager.start();
        Path socket = Path.of(manager.address());
        DictProxy<String, Integer> d = manager.dict();
        QueueProxy<String> q = manager.queue();
        AcquirerProxy lock = manager.lock();
        d.put("x", 1);
        lock.acquire();
        // a child waits for the lock, this JVM's thread waits on an empty queue
        Process waiter = new Process(() -> lock.acquire());
        waiter.start();
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return q.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // let both reach the manager (the test holds either way)
        Process server = managerProcess();
        server.kill();
        server.join(BOUND);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof UncheckedIOException, e.getCause().toString());
            UncheckedIOException first = assertThrows(UncheckedIOException.class, () -> d.get("x"));
            assertTrue(first.getMessage().contains("has it shut down or died?"), first.getMessage());
            UncheckedIOException again = assertThrows(UncheckedIOException.class, () -> d.put("x", 2));
            assertTrue(again.getMessage().contains("cannot connect to the manager"), again.getMessage());
            assertThrows(UncheckedIOException.class, manager::dict);
            // the lock lives in shared memory here, yet it fails like every other call
            assertThrows(UncheckedIOException.class, lock::release);
            assertThrows(UncheckedIOException.class, () -> lock.acquire(false));
            waiter.join(Duration.ofSeconds(20));
            assertEquals(1, waiter.exitCode(), "the child's acquire failed instead of hanging");
            manager.close();
        });
        assertFalse(Files.exists(socket.getParent()), "the socket directory is removed");
    }

    @Test
    void badClientsCostOnlyTheirOwnConnection() throws Exception {
        try (Manager served = Manager.serve("127.0.0.1:0", ManagerRemoteTest.KEY)) {
            String address = served.address();
            String host = address.substring(0, address.lastIndexOf(':'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            DictProxy<String, Integer> d = served.dict();
            d.put("n", 0);

            // one client stays silent, one sends garbage instead of authenticating
            try (Socket silent = new Socket(host, port); Socket garbage = new Socket(host, port)) {
                garbage.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                assertTrue(readsToEnd(garbage), "the server closes the garbage client");
                Process other = new Process(() -> d.put("n", 1));
                other.start();
                other.join(BOUND);
                assertEquals(0, other.exitCode(), "another client is served meanwhile");
            }

            // authenticated, then requests that make no sense: error replies, the connection goes on
            try (Connection raw = Client.connect(address, ManagerRemoteTest.KEY)) {
                raw.sendBytes(new byte[] {99, 1, 2, 3});
                assertEquals(1, raw.recvBytes()[0], "an error reply");
                raw.sendBytes(new byte[] {1, 0, 0, 0});
                assertEquals(1, raw.recvBytes()[0], "a truncated call: an error reply");
            }

            // authenticated, then half a frame and gone; then a frame longer than the limit
            for (int length : new int[] {100, Integer.MAX_VALUE}) {
                try (Socket socket = new Socket(host, port)) {
                    OutputStream out = socket.getOutputStream();
                    io.github.mp4j.wire.Handshake.connect(socket.getInputStream(), out, ManagerRemoteTest.KEY);
                    out.write(java.nio.ByteBuffer.allocate(14).putInt(length).put(new byte[10]).array());
                    out.flush();
                }
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertEquals(1, d.get("n")));
        }
    }

    @Test
    void silentConnectionsDelayNoClientOfAServedManager() throws Exception {
        try (Manager served = Manager.serve("127.0.0.1:0", ManagerRemoteTest.KEY)) {
            String address = served.address();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    idle.add(new Socket("127.0.0.1", port)); // opened and held, never a byte
                }
                for (int i = 0; i < 3; i++) {
                    Socket half = new Socket("127.0.0.1", port);
                    idle.add(half);
                    half.getOutputStream().write(new byte[] {0, 0}); // half a header, then nothing
                }
                // a real client's connection and first round trip: the bug made it wait 10-20 s, or fail
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                    try (Connection client = Client.connect(address, ManagerRemoteTest.KEY)) {
                        client.sendBytes(new byte[] {99, 1, 2, 3});
                        assertEquals(1, client.recvBytes()[0], "an error reply, from the server's session thread");
                    }
                });
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    @Test
    void locksOfClientsThatDieAreReleased() throws Exception {
        try (Manager manager = Manager.start()) {
            AcquirerProxy lock = manager.lock();
            AcquirerProxy rlock = manager.rlock();
            Pipe pipe = Pipe.open(false);
            Connection holding = pipe.conn2();
            Process holder = new Process(() -> {
                lock.acquire();
                rlock.acquire();
                rlock.acquire();
                holding.send("held");
                Thread.sleep(600_000);
            });
            holder.start();
            holding.close();
            assertTrue(pipe.conn1().poll(BOUND));
            assertEquals("held", pipe.conn1().recv());
            assertFalse(lock.acquire(false));
            holder.kill();
            holder.join(BOUND);
            assertTrue(lock.acquire(Duration.ofSeconds(60)), "the dead holder's lock was released by the server");
            assertTrue(rlock.acquire(Duration.ofSeconds(60)), "and its rlock, held twice");
            rlock.release();

            // a client killed while it waits in acquire(): the lock it is granted later is released too
            Process waiter = new Process(() -> lock.acquire());
            waiter.start();
            Thread.sleep(500); // let it reach the manager (the test holds either way)
            waiter.kill();
            waiter.join(BOUND);
            lock.release();
            assertTrue(lock.acquire(Duration.ofSeconds(60)), "the dead waiter does not keep the lock");
            lock.release();
            pipe.conn1().close();
        }
    }

    private static boolean readsToEnd(Socket socket) throws java.io.IOException {
        socket.setSoTimeout(30_000);
        byte[] buf = new byte[256];
        try {
            while (socket.getInputStream().read(buf) >= 0) {
                // the server's challenge, then nothing
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true; // closed with unread data: a reset
        }
    }

    /** Four processes with eight threads each: nothing is lost with the lock, nor with compute. */
    @Test
    void manyClientsHammeringOneDictLoseNothing() throws Exception {
        int processes = 4, threads = 8, rounds = 40;
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict();
            AcquirerProxy lock = manager.lock();
            d.put("locked", 0);
            d.put("computed", 0);
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = new Process(() -> {
                    List<Thread> mine = new ArrayList<>();
                    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                    for (int t = 0; t < threads; t++) {
                        Thread thread = new Thread(() -> {
                            try {
                                for (int k = 0; k < rounds; k++) {
                                    try (Held held = lock.hold()) {
                                        d.put("locked", d.get("locked") + 1);
                                    }
                                    d.compute("computed", (key, v) -> v + 1);
                                }
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                        });
                        thread.start();
                        mine.add(thread);
                    }
                    for (Thread thread : mine) {
                        thread.join();
                    }
                    if (!failures.isEmpty()) {
                        throw new IllegalStateException("worker thread failed", failures.get(0));
                    }
                });
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(Duration.ofSeconds(300));
                assertEquals(0, p.exitCode(), p.toString());
            }
            int total = processes * threads * rounds;
            assertEquals(total, d.get("locked"));
            assertEquals(total, d.get("computed"));
        }
    }

    @Test
    void aManagerNeverClosedEndsWithItsJvmAndLeavesNothing() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection writer = pipe.conn2();
        Process owner = new Process(() -> {
            Manager forgotten = Manager.start();
            forgotten.dict().put("k", 1);
            writer.send(forgotten.address());
            writer.send(managerProcess().pid());
        });
        owner.start();
        writer.close();
        assertTrue(pipe.conn1().poll(BOUND));
        Path socket = Path.of((String) pipe.conn1().recv());
        long serverPid = (Long) pipe.conn1().recv();
        owner.join(BOUND);
        assertEquals(0, owner.exitCode());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(20);
            }
        });
        assertFalse(Files.exists(socket.getParent()), "the socket directory is removed at exit");
        pipe.conn1().close();
    }

    @Test
    void anInitializerThatThrowsFailsTheStart() {
        IOException e = assertThrows(IOException.class,
                () -> Manager.start(() -> { throw new IllegalStateException("no config"); }));
        assertTrue(e.getMessage().contains("the manager's process ended (exit code 1)"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Manager.start((Task) null));
    }

    @Test
    void aClosedManagerRefusesNewObjects() throws Exception {
        Manager manager = Manager.start();
        manager.close();
        manager.close();
        assertEquals("manager is closed", assertThrows(IllegalStateException.class, manager::list).getMessage());
    }
}
