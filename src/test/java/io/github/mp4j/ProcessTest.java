package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void runsInAnotherJvmAndExitsZero() throws Exception {
        Pipe pipe = Pipe.open();
        Connection child = pipe.conn2();
        Process p = new Process(() -> child.send(List.of(ProcessHandle.current().pid(), Process.current().name())));
        assertNull(p.pid());
        assertNull(p.exitCode());
        p.start();
        child.close();
        List<?> reply = (List<?>) pipe.conn1().recv();
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertEquals(p.pid(), reply.get(0));
        assertEquals(p.name(), reply.get(1));
        assertNotEquals(ProcessHandle.current().pid(), reply.get(0));
        assertEquals("MainProcess", Process.current().name());
        assertEquals(ProcessHandle.current().pid(), Process.current().pid());
        pipe.conn1().close();
    }

    @Test
    void defaultNamesCountUpAndCustomNamesStay() {
        String a = new Process(() -> {}).name();
        String b = new Process(() -> {}).name();
        assertTrue(a.matches("Process-\\d+"), a);
        assertEquals(Integer.parseInt(a.substring(8)) + 1, Integer.parseInt(b.substring(8)));
        assertEquals("worker", new Process("worker", () -> {}).name());
    }

    @Test
    void exitCodesFollowPython() throws Exception {
        Process raises = new Process(() -> { throw new IllegalStateException("boom"); });
        Process exits = new Process(() -> System.exit(7));
        Process sleeps = new Process(() -> Thread.sleep(60_000));
        for (Process p : List.of(raises, exits, sleeps)) {
            p.start();
        }
        sleeps.kill();
        for (Process p : List.of(raises, exits, sleeps)) {
            p.join(BOUND);
        }
        assertEquals(1, raises.exitCode());
        assertEquals(7, exits.exitCode());
        assertEquals(-9, sleeps.exitCode());
    }

    @Test
    void terminateGivesMinus15() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        assertTrue(p.isAlive());
        assertTrue(Process.activeChildren().contains(p));
        p.terminate();
        p.join(BOUND);
        assertEquals(-15, p.exitCode());
        assertFalse(Process.activeChildren().contains(p));
    }

    @Test
    @LinuxTransportOnly
    void aStartedProcessNoLongerHoldsWhatItsTaskCaptured() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<String> before = OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY);
            List<Process> kept = new ArrayList<>(); // the user keeps the Process objects, not the handles
            for (int i = 0; i < 5; i++) {
                Lock lock = new Lock();
                Connection end = Pipe.open().conn2(); // dropped with its peer: the GC closes both
                Process p = new Process(() -> {
                    lock.acquire();
                    lock.release();
                    if (!end.isWritable()) {
                        throw new AssertionError("the child's copy of the end");
                    }
                });
                p.start();
                p.join(BOUND);
                assertEquals(0, p.exitCode());
                kept.add(p);
            }
            List<String> made = OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY);
            made.removeAll(before);
            assertTrue(made.size() >= 5, "each lock and pipe end holds a block while reachable: " + made);
            assertTrue(OpenDescriptors.collectUntil(
                    () -> Collections.disjoint(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY), made), 10_000),
                    "still open after the GC: " + made);
            assertEquals(5, kept.size());
        });
    }

    @Test
    void childOutputReachesTheCurrentStreamsLineByLine() throws Exception {
        String[] output = outputOf(new Process("printer", () -> {
            System.out.println("line one");
            System.out.print("no newline at the end");
            System.err.println("to stderr");
            throw new IllegalArgumentException("shown with its stack trace");
        }));
        assertEquals("line one\nno newline at the end", output[0]);
        assertTrue(output[1].startsWith("to stderr\nProcess printer:\njava.lang.IllegalArgumentException: shown with its stack trace\n"), output[1]);
        assertTrue(output[1].contains("\tat io.github.mp4j.ProcessTest"), output[1]);
    }

    /** Runs {@code p} to its end; what it printed on stdout and on stderr. */
    private static String[] outputOf(Process p) throws Exception {
        CapturedOutput out = CapturedOutput.ofOut();
        CapturedOutput err = CapturedOutput.ofErr();
        try (out; err) {
            p.start();
            p.join(BOUND);
        }
        return new String[] {out.text(), err.text()};
    }

    @Test
    void aTaskOverSimpleValuesIsCalledStraightFromItsMethod() throws Exception {
        int number = 7;
        String word = "seven";
        Process p = new Process(() -> {
            StringBuilder callers = new StringBuilder();
            for (StackTraceElement frame : new Throwable().getStackTrace()) {
                callers.append(' ').append(frame.getClassName());
            }
            System.out.println(number + " " + word + " called by" + callers);
        });
        String out = outputOf(p)[0];
        assertEquals(0, p.exitCode());
        assertTrue(out.startsWith("7 seven called by io.github.mp4j.ProcessTest "), out);
        // no lambda class was linked in the child: its run() is ours
        assertTrue(out.contains(" io.github.mp4j.shipping.DirectTask "), out);
    }

    @Test
    void methodReferencesAndLambdasCapturingObjectsRunAsTasks() throws Exception {
        Process staticReference = new Process(ProcessTest::printFromAStaticMethod);
        assertEquals("static method\n", outputOf(staticReference)[0]);
        Greeter greeter = new Greeter("hello");
        assertEquals("hello from the bound method\n", outputOf(new Process(greeter::greet))[0]);
        assertEquals("hello from a lambda capturing this\n", outputOf(new Process(greeter.capturingThis()))[0]);
        assertEquals(0, staticReference.exitCode());
    }

    private static void printFromAStaticMethod() {
        System.out.println("static method");
    }

    private static final class Greeter implements java.io.Serializable {
        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        void greet() {
            System.out.println(greeting + " from the bound method");
        }

        Task capturingThis() {
            return () -> System.out.println(greeting + " from a lambda capturing this");
        }
    }

    @Test
    void aCheckedExceptionOfTheTaskReachesStderrAsItIs() throws Exception {
        int code = 42;
        Process p = new Process("failing", () -> {
            throw new TaskFailure("failed with " + code);
        });
        String err = outputOf(p)[1];
        assertEquals(1, p.exitCode());
        assertTrue(err.startsWith("Process failing:\n" + TaskFailure.class.getName() + ": failed with 42\n"), err);
        assertTrue(err.contains("\tat io.github.mp4j.ProcessTest.lambda$"), err);
    }

    private static final class TaskFailure extends Exception {
        TaskFailure(String message) {
            super(message);
        }
    }

    @Test
    void lifecycleErrorsUsePythonsMessages() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        assertEquals("can only join a started process",
                assertThrows(IllegalStateException.class, p::join).getMessage());
        assertEquals("can only terminate a started process",
                assertThrows(IllegalStateException.class, p::terminate).getMessage());
        p.start();
        assertEquals("cannot start a process twice",
                assertThrows(IllegalStateException.class, p::start).getMessage());
        assertThrows(IllegalStateException.class, () -> p.setDaemon(true));
        assertTrue(assertThrows(IllegalStateException.class, p::close).getMessage()
                .startsWith("Cannot close a process while it is still running"));
        p.join(Duration.ZERO);
        p.join(Duration.ofMillis(100));
        assertNull(p.exitCode(), "join with a timeout returns while the child still runs");
        p.kill();
        p.join(BOUND);
        p.close();
        assertEquals("process object is closed", assertThrows(IllegalStateException.class, p::pid).getMessage());
        assertEquals("process object is closed", assertThrows(IllegalStateException.class, p::start).getMessage());
        assertThrows(IllegalStateException.class, () -> Process.current().start());
    }

    @Test
    void anUnserializableCaptureFailsAtStartWithoutAChild() {
        Object notSerializable = new Object();
        Process p = new Process(() -> System.out.println(notSerializable));
        NotSerializableException e = assertThrows(NotSerializableException.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertNull(p.pid());
    }

    /** Serializes fine, but refuses to be read back: the child cannot start its task. */
    static final class Unreadable implements java.io.Serializable {
        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            throw new java.io.InvalidObjectException("refusing to be deserialized");
        }
    }

    /** Without handles in the task, start() does not wait for the child: the child reports and exits 1. */
    @Test
    void aTaskTheChildCannotReadIsReportedOnStderrAndExitsWithOne() throws Exception {
        Unreadable value = new Unreadable();
        Process p = new Process("unreadable", () -> System.out.println(value));
        CapturedOutput err = CapturedOutput.ofErr();
        try (err) {
            p.start();
            p.join(BOUND);
        }
        assertEquals(1, p.exitCode());
        String said = err.text();
        assertTrue(said.contains("unreadable (pid " + p.pid() + ") could not start its task")
                && said.contains("refusing to be deserialized"), said);
    }

    /** With a handle in the task, start() waits for the child to read it, and fails with the reason. */
    @Test
    void aTaskWithAHandleTheChildCannotReadFailsStartWithTheReason() throws Exception {
        Unreadable value = new Unreadable();
        Pipe pipe = Pipe.open();
        try (Connection mine = pipe.conn1(); Connection end = pipe.conn2()) {
            Process p = new Process(() -> end.send(value.toString()));
            java.io.IOException e = assertThrows(java.io.IOException.class, p::start);
            assertTrue(e.getMessage().contains("refusing to be deserialized"), e.getMessage());
            assertEquals(1, p.exitCode());
        }
    }

    /**
     * A child JVM that cannot boot (here two collectors: children run the serial one) is reported
     * with its exit status and its own words, never as the "Stream closed" of its dead stdin.
     */
    @Test
    void aChildJvmThatCannotBootFailsStartWithItsExitStatus() throws Exception {
        CapturedOutput out = CapturedOutput.ofOut(); // where HotSpot prints why it cannot boot
        Pipe pipe = Pipe.open();
        try (out; TemporaryProperty options = TemporaryProperty.set("mp4j.worker.jvmOptions", "-XX:+UseG1GC");
                Connection mine = pipe.conn1(); Connection end = pipe.conn2()) {
            Process p = new Process(() -> end.send("unreachable")); // a handle: start() waits for the child
            java.io.IOException e = assertThrows(java.io.IOException.class, p::start);
            assertEquals("the child JVM exited with status 1 while starting (its output is above)", e.getMessage());
            assertTrue(out.text().contains("Multiple garbage collectors selected"), out.text());
        }
    }

    @Test
    void warmStartHandsTheTaskToAPreStartedJvm() throws Exception {
        Process.setStartMethod(StartMethod.WARM);
        try {
            Pipe pipe = Pipe.open(false);
            Connection report = pipe.conn2();
            Process first = new Process(() -> report.send(Process.current().name()));
            first.start();
            Process second = new Process(() -> report.send(Process.current().name()));
            second.start();
            report.close();
            assertEquals(first.name(), pipe.conn1().recv());
            assertEquals(second.name(), pipe.conn1().recv());
            first.join(BOUND);
            second.join(BOUND);
            assertEquals(0, first.exitCode());
            assertEquals(0, second.exitCode());
            pipe.conn1().close();
        } finally {
            Process.setStartMethod(StartMethod.SPAWN);
        }
    }

    /**
     * A child's young generation is a third of its first heap: small, so that its pages are reused
     * after each minor collection instead of fresh ones being touched (see JvmCommand). The heap
     * still grows when the task keeps more than that alive.
     */
    @Test
    void aChildStartsWithASmallHeapThatGrowsWhenItsTaskNeedsRoom() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection report = pipe.conn2();
        Process p = new Process(() -> {
            long first = Runtime.getRuntime().totalMemory();
            List<byte[]> kept = new java.util.ArrayList<>();
            for (int i = 0; i < 96; i++) {
                kept.add(new byte[1 << 20]);
            }
            report.send(List.of(first, Runtime.getRuntime().totalMemory(), kept.size()));
        });
        p.start();
        report.close();
        List<?> heap = (List<?>) pipe.conn1().recv();
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertTrue((Long) heap.get(0) <= 48L << 20, "first heap " + heap.get(0));
        assertTrue((Long) heap.get(1) >= 96L << 20, "grown heap " + heap.get(1));
        pipe.conn1().close();
    }
}
