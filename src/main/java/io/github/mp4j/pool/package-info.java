/**
 * The machinery behind {@link io.github.mp4j.Pool}, {@link io.github.mp4j.ThreadPool} and
 * {@link io.github.mp4j.ProcessPoolExecutor}, and behind
 * {@code Pool.on(cluster)} with {@code cluster/NodeSlots}; nothing here is public API, and any of it
 * may change without notice.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Jobs.</b> {@link io.github.mp4j.pool.Jobs} turns each API call into a
 *     {@link io.github.mp4j.pool.Job} ({@link io.github.mp4j.pool.SingleResult}, {@code MapJob},
 *     {@code ImapJob}) of {@link io.github.mp4j.pool.WorkItem}s, each completed with an
 *     {@code Outcome}. A result's {@code CompletableFuture} is a {@code ResultFuture}, made on
 *     request; cancelling a job is the dispatcher's decision ({@code Dispatcher.cancel}).
 * <li><b>Dispatching.</b> One {@link io.github.mp4j.pool.Dispatcher} per pool owns the queue, the
 *     workers' places ({@code WorkerSlot}), the pool's life (running, closed, terminated) and what
 *     a dying worker held; how many items a worker may hold is its {@code WorkerWindow}, and who
 *     hears of state changes its {@code StateListeners}.
 * <li><b>Workers.</b> {@link io.github.mp4j.pool.Worker} is the one seam a kind of worker
 *     implements: {@link io.github.mp4j.pool.JvmWorkers} (child JVMs running {@code WorkerLoop}
 *     over a {@code PrivateEnd}), {@link io.github.mp4j.pool.ThreadWorkers}, and a cluster's node
 *     slots (through {@link io.github.mp4j.pool.PortableWork}).
 * <li><b>Cancelling.</b> {@code Dispatcher.cancelRunning} fails the items at once and asks the
 *     workers holding them to skip or interrupt them ({@code Worker.interrupt}; in a worker JVM
 *     {@code TaskInterrupts}, over the worker JVM's control channel), then kills a worker still running
 *     one after the pool's grace period. Retries and a worker that retires over its memory limit
 *     are the dispatcher's too ({@code Dispatcher.exited}).
 * <li><b>Watching.</b> A map's {@code JobProgress} counts its items as its chunks end and calls
 *     the pool's progress listeners ({@link io.github.mp4j.pool.ProgressReporter}, which also lists
 *     the maps in flight and lets a notebook watch every pool); the dispatcher records each answered
 *     item's span in a bounded {@code TaskStream} for {@code Pool.timeline()}.
 * <li><b>Messages.</b> {@code WorkCodec}'s table is the grammar between a pool and its workers
 *     ({@code PrimitiveValues} for raw value lists); {@code RemoteFailure} turns a worker's
 *     exception into the caller's.
 * </ul>
 */
package io.github.mp4j.pool;
