/**
 * Python's {@code multiprocessing} for Java: real child JVMs, real operating-system pipes and
 * cross-process locks, with Python's names in Java casing.
 *
 * <h2>Start methods</h2>
 * Every {@link io.github.mp4j.Process} runs in a child JVM: a fresh one ({@link
 * io.github.mp4j.StartMethod#SPAWN}, like Python's {@code spawn}) or one started ahead of time and
 * waiting for work ({@link io.github.mp4j.StartMethod#WARM}, the role of Python's
 * {@code forkserver}). Java cannot fork, so there is no {@code fork}. The global method
 * ({@link io.github.mp4j.Process#setStartMethod}) serves every process and pool except those made by
 * a {@link io.github.mp4j.Context}, which has its own.
 *
 * <h2>What can be shipped to a child</h2>
 * A task is a serializable lambda or object. Everything it captures is serialized with it; classes
 * on the parent's class path load from the child's (identical) class path, and classes that exist
 * only in the parent's memory, such as JShell snippets or a program run by Java's source launcher
 * ({@code java Main.java}), are fetched from the parent on demand: the parent finds their bytes
 * through the class loaders that defined the classes its tasks and messages named, whichever loaders
 * those are.
 * Static fields are not shipped: a child sees the values its own class initialization gives them.
 * The exception is a registered {@link io.github.mp4j.shipping.StaticStateSource}: the Jupyter
 * kernel registers one so that a task sees the notebook's top-level variables (static fields of
 * JShell's snippet classes). Then {@link io.github.mp4j.Process#start()} takes, after serializing
 * the task, the values that source gives for the classes the task names (for the kernel: every
 * static, non-final, non-null field of the snippet classes the task's code can reach), serializes
 * each value on its own, skipping those that cannot be serialized, and the child sets them before
 * it reads the task. Without a registered source none of this happens.
 * Pipe ends ({@link io.github.mp4j.Connection}), locks and queues are shipped as references that
 * the child reopens, so both processes hold copies of the same OS object; they can travel only
 * inside the task of a starting process (Python's "through inheritance").
 *
 * <h2>Pools</h2>
 * A {@link io.github.mp4j.Pool} keeps worker JVMs (started like a {@code Process}'s children, by
 * either start method) and sends them work: every call ({@code apply}, a chunk of a {@code map}) is
 * serialized when it is submitted, with the same static-state snapshot as a task, so a worker sees
 * the notebook's variables as they were at submission. Pipe ends, locks and queues reach workers
 * only through the pool's initializer, which travels as the workers' starting task. Results travel
 * back the same way; callbacks run in the submitting JVM. A {@link io.github.mp4j.ThreadPool} has the
 * same API over threads of this JVM and serializes nothing. {@link io.github.mp4j.Pool#on(Cluster)}
 * has the same API over slots on the server nodes of an Apache Ignite {@link io.github.mp4j.Cluster}:
 * each item is serialized here as for a worker JVM (static-state snapshot included) and runs as an
 * Ignite job that Ignite peer-deploys from the task's own class loader, so classes the nodes lack
 * (JShell cells) are fetched from this JVM on demand.
 *
 * <h2>Managers</h2>
 * A {@link io.github.mp4j.Manager} keeps objects in a server process and hands out proxies
 * ({@link io.github.mp4j.DictProxy}, {@link io.github.mp4j.ListProxy}, {@link io.github.mp4j.AcquirerProxy},
 * ...). Unlike pipe ends, locks and queues, proxies are plain serializable values: they travel in
 * tasks, in messages and inside other shared objects, and connect to their manager (authenticated)
 * in whatever process uses them. Functions given to {@code compute}, {@code merge} and
 * {@code update} are shipped into the manager's process like a task into a child.
 *
 * <h2>Errors</h2>
 * Python's {@code ValueError} is an {@link java.lang.IllegalArgumentException} or
 * {@link java.lang.IllegalStateException}, {@code OSError} an {@link java.io.IOException},
 * {@code EOFError} an {@link java.io.EOFException}; messages are Python's where Python has one.
 *
 * <h2>Security</h2>
 * Children talk to their parent over private pipes (the child's stdin and a FIFO reachable only by
 * the same user). Connections that cross a network ({@link io.github.mp4j.Listener},
 * {@link io.github.mp4j.Client}) authenticate both sides with an HMAC-SHA256 challenge before any
 * object is deserialized, and every deserialization runs under a filter that bounds sizes and
 * rejects known gadget classes.
 */
package io.github.mp4j;
