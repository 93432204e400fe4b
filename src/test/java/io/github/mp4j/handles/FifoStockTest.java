package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FifoStockTest {

    /** This JVM's descriptors on FIFOs of the stock, as their links read. */
    private static List<String> stockLinks() throws IOException {
        List<String> links = new ArrayList<>();
        String[] names = new java.io.File("/proc/self/fd").list();
        for (String name : names) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd", name)).toString();
                if (target.contains("/mp4j-fifo-")) {
                    links.add(target);
                }
            } catch (IOException closedMeanwhile) {
                // the listing's own descriptor
            }
        }
        return links;
    }

    @Test
    void aBatchWaitsAsDescriptorsOnlyAndATakenFifoCarriesBytes() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<FifoStock.Node> taken = new ArrayList<>();
            try {
                // taking a whole batch and one more makes at least one batch on the spot
                for (int i = 0; i <= FifoStock.BATCH; i++) {
                    taken.add(FifoStock.take());
                }
                List<String> links = stockLinks();
                assertTrue(links.size() >= FifoStock.BATCH + 1, links.toString());
                assertTrue(links.stream().allMatch(l -> l.endsWith("(deleted)")),
                        "nothing of the stock is on disk: " + links);
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                        Path.of(System.getProperty("java.io.tmpdir")),
                        "mp4j-fifo-" + ProcessHandle.current().pid() + "-*")) {
                    assertTrue(!dirs.iterator().hasNext(), "the batch's directory is gone");
                }
                FifoStock.Node node = taken.get(0);
                Fifo end = Fifo.open(node.path(), node.path(), false);
                node.close();
                end.output().write(new byte[] {1, 2, 3});
                byte[] read = new byte[3];
                assertEquals(3, end.input().readNBytes(read, 0, 3));
                assertArrayEquals(new byte[] {1, 2, 3}, read);
                end.close();
            } finally {
                for (FifoStock.Node node : taken) {
                    node.close();
                }
            }
        });
    }

    @Test
    void eachTakeIsAnotherFifo() throws Exception {
        try (FifoStock.Node a = FifoStock.take(); FifoStock.Node b = FifoStock.take()) {
            assertTrue(!ProcFd.target(a.path()).equals(ProcFd.target(b.path())));
        }
    }
}
