package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcFdTest {

    @Test
    void findsTheDescriptorWhileOtherThreadsOpenAndCloseFiles() throws Exception {
        Path dir = OwnedTempDirectory.create("procfd-test").toRealPath();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] churners = new Thread[2];
        try {
            for (int t = 0; t < churners.length; t++) {
                churners[t] = new Thread(() -> {
                    while (!stop.get()) {
                        try (FileInputStream ignored = new FileInputStream("/dev/null")) {
                            Thread.onSpinWait();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                churners[t].start();
            }
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int i = 0; i < 200; i++) {
                    Path file = Files.createFile(dir.resolve("f" + i));
                    ProcFd.Opened<RandomAccessFile> opened = ProcFd.open(file.toString(), ProcFd.READ_WRITE, "a test file",
                            () -> new RandomAccessFile(file.toFile(), "rw"));
                    try (RandomAccessFile raf = opened.file()) {
                        assertEquals(file.toString(), Files.readSymbolicLink(ProcFd.path(ProcessHandle.current().pid(),
                                opened.fd())).toString(), "the descriptor found is the file's");
                    }
                }
            });
        } finally {
            stop.set(true);
            for (Thread t : churners) {
                if (t != null) {
                    t.join(10_000);
                }
            }
            OwnedTempDirectory.deleteQuietly(dir);
        }
    }

    @Test
    void aFailedOpenIsReportedAsItWas() throws Exception {
        IOException e = assertThrows(IOException.class, () -> ProcFd.open("/nonexistent", ProcFd.READ, "nothing",
                () -> new FileInputStream("/nonexistent/file")));
        assertEquals(java.io.FileNotFoundException.class, e.getClass());
    }

    @Test
    void aDescriptorOfAnotherModeIsNotTakenForTheNewOne() throws Exception {
        Path dir = OwnedTempDirectory.create("procfd-test").toRealPath();
        try {
            Path file = Files.createFile(dir.resolve("f"));
            IOException e = assertThrows(IOException.class, () -> ProcFd.open(file.toString(), ProcFd.WRITE, "a file",
                    () -> new FileInputStream(file.toFile())));
            assertEquals(true, e.getMessage().contains("cannot identify the descriptor of a file"), e.getMessage());
        } finally {
            OwnedTempDirectory.deleteQuietly(dir);
        }
    }
}
