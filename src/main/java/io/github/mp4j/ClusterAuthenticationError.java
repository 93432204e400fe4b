package io.github.mp4j;

/**
 * Thrown when joining a {@link Cluster} fails at the TLS handshake, before anything of this JVM
 * reaches the cluster: {@link #reason()} says which side lacks what. {@link Cluster#connect(String,
 * java.nio.file.Path)} and {@link Cluster#connect(String)} throw it, and a node started with
 * {@code java -jar mp4j-kernel.jar node} prints it and exits with status 3. Python has no cluster;
 * this is its {@link AuthenticationError} for one.
 *
 * <pre>{@code
 * try {
 *     Cluster.connect("host1:47500..47509", Path.of("cluster-keys"));
 * } catch (ClusterAuthenticationError e) {
 *     if (e.reason() == ClusterAuthenticationError.Reason.PEER_NOT_TRUSTED) { ... }  // wrong folder?
 * }
 * }</pre>
 */
public final class ClusterAuthenticationError extends AuthenticationError {
    private static final long serialVersionUID = 1L;

    /** What the handshake with the cluster's node showed. */
    public enum Reason {
        /** The node speaks plain TCP: a cluster started without TLS, which a TLS member does not join. */
        PEER_WITHOUT_TLS,
        /** The node speaks TLS and this side has no keys: join with the cluster's key folder. */
        PEER_REQUIRES_TLS,
        /** The node's certificate is not signed by this side's cluster CA: another cluster's keys. */
        PEER_NOT_TRUSTED,
        /** The node refused this side's certificate: this side holds another cluster's keys. */
        REFUSED_BY_PEER
    }

    private final Reason reason;
    private final String peer;

    /**
     * @param reason what the handshake showed
     * @param peer   the address that answered, {@code host:port}
     * @param detail the words for the user, after "{@code peer}: "
     * @param cause  the TLS failure, or null
     */
    public ClusterAuthenticationError(Reason reason, String peer, String detail, Throwable cause) {
        super("the cluster node at " + peer + " " + detail);
        this.reason = reason;
        this.peer = peer;
        initCause(cause);
    }

    /** What the handshake showed. */
    public Reason reason() {
        return reason;
    }

    /** The address ({@code host:port}) of the node that answered the handshake. */
    public String peer() {
        return peer;
    }
}
