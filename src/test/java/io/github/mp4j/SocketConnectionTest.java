package io.github.mp4j;

import static io.github.mp4j.SocketPair.WAIT;
import static io.github.mp4j.SocketPair.async;
import static io.github.mp4j.SocketPair.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection behaviour where a socket differs from a pipe: poll, EOF, big messages, descriptors. */
class SocketConnectionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void pollWaitsNeverConsumesAndSeesEof(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            assertFalse(pair.server.poll());
            assertFalse(pair.server.poll(Duration.ofMillis(50)));
            pair.client.send("x");
            assertTrue(pair.server.poll(WAIT));
            assertTrue(pair.server.poll(), "poll does not consume");
            assertEquals("x", pair.server.recv());
            assertFalse(pair.server.poll());

            pair.client.sendBytes(new byte[0]); // an empty message is a message
            assertTrue(pair.server.poll(WAIT));
            assertArrayEquals(new byte[0], pair.server.recvBytes());

            pair.client.close();
            assertTrue(pair.server.poll(WAIT), "end of file makes poll true");
            assertThrows(EOFException.class, pair.server::recv);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void queuedMessagesThenEofWhenThePeerCloses(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            pair.server.send("one");
            pair.server.send(null); // Python's sentinel
            pair.server.close();
            assertEquals("one", pair.client.recv());
            assertEquals(null, pair.client.recv());
            EOFException eof = assertThrows(EOFException.class, pair.client::recv);
            assertTrue(eof.getMessage().startsWith("end of file"));
            assertThrows(EOFException.class, pair.client::recvBytes, "EOF stays EOF");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void sendingToAClosedPeerFails(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            pair.server.close();
            // the first writes may still land in the socket buffer; the failure must come, bounded
            byte[] chunk = new byte[64 * 1024];
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    pair.client.sendBytes(chunk);
                }
            });
            assertTrue(e.getMessage().contains("Broken pipe") || e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void sixteenMebibytesRoundTrip(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            byte[] big = new byte[16 * 1024 * 1024];
            new Random(42).nextBytes(big);
            // socket buffers hold far less than 16 MiB, so the sender needs the receiver running
            CompletableFuture<Void> sent = async(() -> {
                pair.client.sendBytes(big);
                pair.client.send(big);
                return null;
            });
            assertArrayEquals(big, pair.server.recvBytes());
            assertArrayEquals(big, (byte[]) pair.server.recv());
            within(sent);

            byte[] into = new byte[big.length + 10];
            CompletableFuture<Void> back = async(() -> {
                pair.server.sendBytes(big, 1000, 5_000_000);
                return null;
            });
            assertEquals(5_000_000, pair.client.recvBytesInto(into, 10));
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 1000, 5_001_000),
                    java.util.Arrays.copyOfRange(into, 10, 5_000_010));
            within(back);
        }
    }

    /**
     * Each side sends messages larger than the socket buffers while its own receive is waiting, so
     * writes block until the peer reads; a receive that polls must neither stall these writes nor be
     * stalled by them. (Polling that switched the socket's mode under a blocked write deadlocked here
     * within a few hundred messages.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void bothSidesSendBigMessagesWhileTheirReceivesWait(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            byte[] big = new byte[1024 * 1024];
            new Random(7).nextBytes(big);
            int rounds = 200;
            java.util.List<CompletableFuture<Integer>> receives = new java.util.ArrayList<>();
            for (Connection c : new Connection[] {pair.server, pair.client}) {
                receives.add(async(() -> {
                    int intact = 0;
                    for (int i = 0; i < rounds; i++) {
                        intact += java.util.Arrays.equals(big, c.recvBytes()) ? 1 : 0;
                        intact += c.recvBytes().length == 3 ? 1 : 0;
                    }
                    return intact;
                }));
            }
            Thread.sleep(20); // both receives are waiting, most likely polling
            java.util.List<CompletableFuture<Void>> sends = new java.util.ArrayList<>();
            for (Connection c : new Connection[] {pair.server, pair.client}) {
                sends.add(async(() -> {
                    for (int i = 0; i < rounds; i++) {
                        c.sendBytes(big);
                        c.sendBytes(new byte[3]); // small ones between: a receive polls for these
                    }
                    return null;
                }));
            }
            for (CompletableFuture<Void> s : sends) {
                within(s);
            }
            for (CompletableFuture<Integer> r : receives) {
                assertEquals(2 * rounds, within(r));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void bufferTooShortKeepsTheConnectionUsable(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            pair.client.sendBytes(new byte[] {1, 2, 3, 4, 5});
            pair.client.sendBytes(new byte[] {6});
            BufferTooShort e = assertThrows(BufferTooShort.class, () -> pair.server.recvBytesInto(new byte[3]));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, e.message());
            byte[] buf = new byte[3];
            assertEquals(1, pair.server.recvBytesInto(buf));
            assertEquals(6, buf[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void filenoIsThisProcesssSocketDescriptor(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            int server = pair.server.fileno();
            int client = pair.client.fileno();
            assertTrue(server > 2 && client > 2, server + " " + client);
            assertNotEquals(server, client);
            String serverLink = Files.readSymbolicLink(Path.of("/proc/self/fd/" + server)).toString();
            String clientLink = Files.readSymbolicLink(Path.of("/proc/self/fd/" + client)).toString();
            assertTrue(serverLink.startsWith("socket:["), serverLink);
            assertTrue(clientLink.startsWith("socket:["), clientLink);
            assertNotEquals(serverLink, clientLink);
            assertTrue(pair.server.toString().contains("fd=" + server), pair.server.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void everyUseAfterCloseSaysHandleIsClosed(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            pair.server.close();
            pair.server.close();
            assertTrue(pair.server.isClosed());
            assertTrue(pair.server.isReadable() && pair.server.isWritable(), "a socket connection is duplex");
            for (org.junit.jupiter.api.function.Executable use : new org.junit.jupiter.api.function.Executable[] {
                    pair.server::recv, () -> pair.server.send(1), pair.server::poll, pair.server::fileno}) {
                assertEquals("handle is closed", assertThrows(IOException.class, use).getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void interruptingABlockedReceiveClosesTheConnectionClearly(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            CompletableFuture<Thread> receiver = new CompletableFuture<>();
            CompletableFuture<Object> received = async(() -> {
                receiver.complete(Thread.currentThread());
                return pair.server.recv();
            });
            Thread t = within(receiver);
            // interrupt once the thread is inside the socket read (earlier, the receive lock reports it)
            Eventually.assertHolds(WAIT, Duration.ofMillis(5), () -> java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().endsWith("SocketEndpoint$In")),
                    () -> "the receiver never reached the socket read");
            t.interrupt();
            Throwable e = SocketPair.failureOf(received);
            assertTrue(e instanceof java.io.InterruptedIOException, String.valueOf(e));
            assertTrue(e.getMessage().contains("which closes it"), e.getMessage());
            IOException after = assertThrows(IOException.class, pair.server::recv);
            assertTrue(after.getMessage().startsWith("the socket connection is closed"), after.getMessage());
            assertTrue(pair.client.poll(WAIT), "the peer sees the connection end");
            assertThrows(EOFException.class, pair.client::recv);
        }
    }
}
