package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link Acquirer} honours every overload the same way, within one process: the shared-memory
 * locks and semaphores and a manager's proxies of each. Across processes: LockTest,
 * SemaphoreEventTest, ManagerTest.
 */
@Timeout(120)
class AcquirerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    @AutoClose
    private static Manager manager;

    /** Each implementation, made with room for one holder. */
    enum Kind {
        LOCK(m -> new Lock()),
        RLOCK(m -> new RLock()),
        SEMAPHORE(m -> new Semaphore(1)),
        BOUNDED_SEMAPHORE(m -> new BoundedSemaphore(1)),
        MANAGER_LOCK(Manager::lock),
        MANAGER_RLOCK(Manager::rlock),
        MANAGER_SEMAPHORE(m -> m.semaphore(1)),
        MANAGER_BOUNDED_SEMAPHORE(m -> m.boundedSemaphore(1)),
        MANAGER_CONDITION(Manager::condition);

        final Function<Manager, Acquirer> create;

        Kind(Function<Manager, Acquirer> create) {
            this.create = create;
        }
    }

    /** A test run once for each {@link Kind}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest
    @EnumSource(Kind.class)
    @interface EachAcquirer {
    }

    /** A call that acquires through one overload. */
    interface Overload {
        boolean acquire(Acquirer acquirer) throws InterruptedException;
    }

    /** The overloads that wait, each given at least {@link #BOUND} to succeed. */
    private static final List<Overload> BLOCKING = List.of(
            Acquirer::acquire,
            a -> a.acquire(true),
            a -> a.acquire(BOUND),
            a -> a.acquire((Duration) null),
            a -> a.acquire(true, null),
            a -> a.acquire(true, BOUND),
            a -> {
                a.hold(); // released by the caller's release(), as a hold is released once
                return true;
            });

    private Acquirer acquirer;
    /** Another thread than the test's: a contender for what the test's thread holds. */
    private ExecutorService contender;

    @BeforeAll
    static void startManager() throws Exception {
        manager = Manager.start(); // closed by @AutoClose
    }

    @BeforeEach
    void startContender() {
        contender = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void closeEverything() throws Exception {
        contender.shutdownNow();
        assertTrue(contender.awaitTermination(10, TimeUnit.SECONDS));
        if (acquirer instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private <T> T inContender(Callable<T> call) throws Exception {
        return contender.submit(call).get(30, TimeUnit.SECONDS);
    }

    /** Whether another thread can acquire now; it releases at once what it took. */
    private boolean isFree() throws Exception {
        return inContender(() -> {
            boolean taken = acquirer.acquire(false);
            if (taken) {
                acquirer.release();
            }
            return taken;
        });
    }

    @EachAcquirer
    void everyOverloadTakesWhatIsFreeAndReleaseGivesItBack(Kind kind) throws Exception {
        acquirer = kind.create.apply(manager);
        List<Overload> all = new ArrayList<>(BLOCKING);
        all.add(a -> a.acquire(false));
        all.add(a -> a.acquire(Duration.ZERO));
        all.add(a -> a.acquire(false, null));
        all.add(a -> a.acquire(false, BOUND));
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i).acquire(acquirer), "overload " + i + " on a free " + kind);
            assertFalse(isFree(), "held after overload " + i);
            acquirer.release();
            assertTrue(isFree(), "free after release, overload " + i);
        }
    }

    @EachAcquirer
    void everyOverloadRefusesWhatIsHeldOnceItsTimeoutPasses(Kind kind) throws Exception {
        acquirer = kind.create.apply(manager);
        assertTrue(acquirer.acquire());
        try {
            Duration brief = Duration.ofMillis(30);
            assertFalse(inContender(() -> acquirer.acquire(false)), "acquire(false)");
            assertFalse(inContender(() -> acquirer.acquire(brief)), "acquire(timeout)");
            assertFalse(inContender(() -> acquirer.acquire(Duration.ZERO)), "acquire(0)");
            assertFalse(inContender(() -> acquirer.acquire(Duration.ofMillis(-5))), "a negative timeout counts as zero");
            assertFalse(inContender(() -> acquirer.acquire(true, brief)), "acquire(true, timeout)");
            long start = System.nanoTime();
            assertFalse(inContender(() -> acquirer.acquire(false, BOUND)), "acquire(false, timeout)");
            assertTrue(System.nanoTime() - start < BOUND.toNanos() / 2, "a non-blocking acquire ignores its timeout");
        } finally {
            acquirer.release();
        }
    }

    @EachAcquirer
    void everyBlockingOverloadWaitsForTheRelease(Kind kind) throws Exception {
        acquirer = kind.create.apply(manager);
        for (int i = 0; i < BLOCKING.size(); i++) {
            Overload overload = BLOCKING.get(i);
            assertTrue(acquirer.acquire());
            CompletableFuture<Void> acquired = new CompletableFuture<>();
            Future<Boolean> waiter = contender.submit(() -> {
                boolean taken = overload.acquire(acquirer);
                acquired.complete(null);
                acquirer.release();
                return taken;
            });
            Thread.sleep(50);
            assertFalse(acquired.isDone(), "overload " + i + " waits while " + kind + " is held");
            acquirer.release();
            assertTrue(waiter.get(30, TimeUnit.SECONDS), "overload " + i + " acquires once released");
        }
        assertTrue(isFree());
    }

    @EachAcquirer
    void anInterruptedWaitThrows(Kind kind) throws Exception {
        acquirer = kind.create.apply(manager);
        assertTrue(acquirer.acquire());
        try {
            for (Overload overload : BLOCKING) {
                CompletableFuture<Thread> waiting = new CompletableFuture<>();
                Future<Boolean> waiter = contender.submit(() -> {
                    // a proxy's thread connects on its first call: interrupt the wait, not the connecting
                    assertFalse(acquirer.acquire(false));
                    waiting.complete(Thread.currentThread());
                    return overload.acquire(acquirer);
                });
                Thread thread = waiting.get(30, TimeUnit.SECONDS);
                Thread.sleep(20);
                thread.interrupt();
                ExecutionException failure = assertThrows(ExecutionException.class, () -> waiter.get(30, TimeUnit.SECONDS));
                assertTrue(failure.getCause() instanceof InterruptedException, "interrupted: " + failure.getCause());
            }
        } finally {
            acquirer.release();
        }
        // A manager's wait that its interrupted client abandoned may take the permit just released;
        // it gives it back once its answer cannot be delivered, so the permit is free again soon.
        assertTrue(Eventually.holds(Duration.ofSeconds(30), () -> {
            try {
                return isFree();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "no interrupted wait took " + kind);
    }

    @EachAcquirer
    void aHoldReleasesOnceWhenClosed(Kind kind) throws Exception {
        acquirer = kind.create.apply(manager);
        Held held = acquirer.hold();
        assertFalse(isFree());
        held.close();
        held.close();
        assertTrue(inContender(() -> acquirer.acquire(false)), "released by the first close");
        try {
            assertFalse(CompletableFuture.supplyAsync(() -> {
                try {
                    return acquirer.acquire(false);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS), "the second close released nothing more");
        } finally {
            inContender(() -> {
                acquirer.release();
                return null;
            });
        }
    }

    /** The example of {@link Acquirer}'s Javadoc. */
    @EachAcquirer
    void theJavadocExampleRuns(Kind kind) throws Exception {
        Acquirer guard = acquirer = kind.create.apply(manager);
        List<String> updates = new ArrayList<>();
        Runnable update = () -> updates.add("update");
        try (Held held = guard.hold()) {
            update.run();
        }
        if (guard.acquire(false)) {
            try { update.run(); } finally { guard.release(); }
        }
        if (guard.acquire(Duration.ofSeconds(1))) {
            try { update.run(); } finally { guard.release(); }
        }
        assertEquals(List.of("update", "update", "update"), updates);
    }
}
