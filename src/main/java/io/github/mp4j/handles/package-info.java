/**
 * The operating-system machinery under pipes, locks, semaphores, events and queues: FIFOs, shared
 * memory, descriptors reopened through {@code /proc}, and the one place they may be serialized.
 * Nothing here is public API (the public types are the root package's {@link io.github.mp4j.Pipe},
 * {@link io.github.mp4j.Lock}, {@link io.github.mp4j.Queue}, ...), and any of it may change without
 * notice.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Processes.</b> {@link io.github.mp4j.handles.ProcessToken} names a live process (pid and
 *     start time), {@link io.github.mp4j.handles.ProcessWatch} tells cheaply whether it ended,
 *     {@code ProcFd} reads {@code /proc/<pid>/fd}, through which another
 *     process reopens a descriptor.
 * <li><b>Shared memory.</b> {@link io.github.mp4j.handles.SharedMemory} (a {@code /dev/shm} file,
 *     deleted once open, {@code Mapping} unmapping it) holds 64-bit words;
 *     {@link io.github.mp4j.handles.MappedLock} is a lock word that a dead holder's successor takes
 *     over, {@link io.github.mp4j.handles.Backoff} how every waiter on a word waits;
 *     {@link io.github.mp4j.handles.WaiterSlots} and {@link io.github.mp4j.handles.MappedBarrier}
 *     are the waiters of a {@code Condition} and the state of a {@code Barrier}, each telling dead
 *     waiters from live ones by their {@code ProcessToken};
 *     {@link io.github.mp4j.handles.PrimitiveType} reads and writes the typed elements of
 *     {@code Value} and {@code Array}. {@link io.github.mp4j.handles.NamedBlock} is the other kind
 *     of shared memory: a named {@code /dev/shm} file that stays until unlinked, under the public
 *     {@code SharedMemory}; {@link io.github.mp4j.handles.BlockKeeper} is the process that unlinks a
 *     {@code SharedMemoryManager}'s blocks when its JVM closes it, exits or dies.
 * <li><b>Pipes.</b> {@link io.github.mp4j.handles.Fifo} is a pipe end with the kernel's semantics
 *     (FIFOs made ahead by {@code FifoStock}); its reads go through
 *     {@link io.github.mp4j.handles.SharedReadAhead} and its large writes through
 *     {@link io.github.mp4j.handles.SharedPayloads}. {@link io.github.mp4j.handles.QueuePipe} and
 *     its {@link io.github.mp4j.handles.Feeder} thread are a queue's machinery (a
 *     {@code SimpleQueue} writes without the thread), {@link io.github.mp4j.handles.UnfinishedTasks}
 *     a {@code JoinableQueue}'s count of tasks.
 * <li><b>The portable transport</b> (macOS, Windows, or {@code -Dmp4j.transport=portable}; see
 *     {@link io.github.mp4j.platform.Transport} and {@code docs/transport.md}): a pipe end's copy is
 *     a {@link io.github.mp4j.handles.PortableEnd}, a socket connection to the creating JVM's
 *     {@code PipeBroker}, which counts copies; shared memory is a file in the JVM's
 *     {@link io.github.mp4j.handles.PrivateFolder}; liveness comes from {@link ProcessHandle}.
 * <li><b>Travel.</b> {@link io.github.mp4j.handles.Transfer} is the one place a handle may be
 *     serialized (the task of a starting child); a handle travels as an
 *     {@link io.github.mp4j.handles.EndpointRef} or a shared-memory reference, from which the child
 *     opens its own copy. {@code StaticSnapshot} carries the static values a
 *     task needs with it.
 * </ul>
 */
package io.github.mp4j.handles;
