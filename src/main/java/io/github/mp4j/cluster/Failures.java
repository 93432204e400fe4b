package io.github.mp4j.cluster;

import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.IgniteIllegalStateException;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/** Tells the cluster's connection failures from other exceptions, and words them for the user. */
final class Failures {

    private Failures() {}

    /**
     * Whether {@code e} says that a server node left during a call that may run again, after waiting
     * (at most {@code millis}) for the topology Ignite names as ready for the retry.
     */
    static boolean awaitTopology(Throwable e, long millis) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IgniteClientDisconnectedException) {
                return false;
            }
            if (t instanceof ClusterTopologyException topology) {
                if (topology.retryReadyFuture() != null) {
                    topology.retryReadyFuture().get(millis, TimeUnit.MILLISECONDS);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code e} says about reaching the cluster at {@code where}: an {@link IOException} when
     * the cluster could not be reached (an {@link InterruptedIOException} when the calling thread was
     * interrupted), null when {@code e} is about something else.
     */
    static IOException lost(Throwable e, String where) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IgniteInterruptedException || t instanceof InterruptedException) {
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for " + where);
                interrupted.initCause(e);
                return interrupted;
            }
            if (t instanceof IgniteClientDisconnectedException) {
                return new IOException("this JVM is cut off from " + where + " (have its server nodes stopped?);"
                        + " it reconnects by itself when one is back: " + e.getMessage(), e);
            }
            if (t instanceof ClusterTopologyException || t instanceof ClusterTopologyCheckedException) {
                return new IOException("a server node of " + where + " left during the call: " + e.getMessage(), e);
            }
            if (t instanceof IgniteIllegalStateException || t instanceof IllegalStateException
                    && String.valueOf(t.getMessage()).contains("Grid is in invalid state")) {
                return new IOException("this JVM has left " + where + " (was the Cluster closed?)", e);
            }
        }
        return null;
    }
}
