/**
 * The machinery behind {@link io.github.mp4j.Cluster}, {@code Pool.on(cluster)} and
 * {@code Manager.on(cluster)}, on Apache Ignite 2.x; nothing here is public API.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Nodes.</b> {@link io.github.mp4j.cluster.NodeConfig} is the one Ignite configuration of
 *     every node, server or client (peer class loading in SHARED mode, discovery through an address
 *     list, every socket on one bind address, Ignite's logging off), and
 *     {@link io.github.mp4j.cluster.NodeConfig#jvmOptions()} the {@code --add-opens} list Ignite
 *     needs, read from the resource {@code jvm-options} that the build and the kernelspec use too.
 *     {@link io.github.mp4j.cluster.NodeMain} runs a server node (also
 *     {@code java -jar mp4j-kernel.jar node}); {@link io.github.mp4j.cluster.LocalNodes} starts
 *     nodes as child JVMs whose standard input ties their life to this JVM's.
 * <li><b>TLS.</b> {@link io.github.mp4j.cluster.TlsFolder} is a cluster's keys (a CA, the members'
 *     key store, a trust store, made by {@code keytool} processes; owner-only files); given one,
 *     {@code NodeConfig} turns on Ignite's TLS for discovery and communication, whose servers require
 *     the peer's certificate, with the engines of {@link io.github.mp4j.cluster.TlsContext} (which
 *     keep Ignite 2.17's TLS reader from stalling on a message of an unlucky size). Before a node or
 *     client starts Ignite,
 *     {@link io.github.mp4j.cluster.TlsProbe} runs one handshake with the first discovery address
 *     that answers, so that a JVM that does not belong fails at once with
 *     {@link io.github.mp4j.ClusterAuthenticationError} naming the cause (Ignite alone would time out,
 *     or let a server node start a cluster of its own); {@link io.github.mp4j.cluster.RefusalLog}
 *     prints the connections a node refuses. Plain TCP only on loopback.
 * <li><b>Joining.</b> {@link io.github.mp4j.cluster.ClusterLink} says where a cluster is and is
 *     serializable, so whatever carries one (a proxy, a task) joins the same cluster from the JVM it
 *     reaches: one client node per JVM per cluster, or, in a server node's JVM, the node itself.
 * <li><b>Pool backend.</b> {@link io.github.mp4j.cluster.NodeSlots} is a pool's
 *     {@code Worker.Backend}: each worker is a {@link io.github.mp4j.cluster.NodeSlot} bound to one
 *     server node that runs its items one at a time as {@link io.github.mp4j.cluster.NodeJob}s.
 *     A job carries the item as mp4j serializes it for a local worker (with the notebook's static
 *     state), and names a class of the user's as its deploy class so that the node peer-loads the
 *     user's classes from the submitting JVM's class loader.
 * <li><b>Manager backend.</b> {@link io.github.mp4j.cluster.IgniteStore} implements the manager's
 *     {@code SharedStore}: data objects as mp4j-serialized bytes in a transactional cache, written
 *     in pessimistic transactions in the calling JVM; locks, semaphores, conditions, events, queues
 *     and barriers on Ignite's data structures ({@code ClusterSync}, {@code ClusterEvent},
 *     {@code ClusterQueue}, {@code ClusterBarrier}). {@link io.github.mp4j.cluster.Failures} turns
 *     Ignite's disconnection errors into the manager's "unreachable".
 * </ul>
 */
package io.github.mp4j.cluster;
