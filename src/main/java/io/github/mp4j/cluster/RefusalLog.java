package io.github.mp4j.cluster;

import org.apache.ignite.IgniteLogger;
import org.apache.ignite.logger.NullLogger;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * A TLS server node's Ignite logger: silent, as {@link NullLogger}, except for the connections Ignite
 * refuses at the TLS handshake, each of which it prints as one line, {@code mp4j-node refused a
 * connection: <Ignite's words>}, so that the side that was asked says so too. Ignite words these
 * warnings with "SSL" (a peer that speaks plain TCP or has no certificate); nothing else it logs
 * is shown. A peer that gives up on the node's certificate (another cluster's member) is reported
 * on its own side only. Ignite throttles these warnings: each wording at most once per few
 * minutes.
 */
final class RefusalLog extends NullLogger {

    static final String REFUSED_CONNECTION = "mp4j-node refused a connection";

    private final Supplier<PrintStream> out;

    RefusalLog(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public IgniteLogger getLogger(Object category) {
        return this;
    }

    @Override
    public void warning(String msg) {
        warning(msg, null);
    }

    @Override
    public void warning(String msg, Throwable e) {
        report(msg, e);
    }

    @Override
    public void error(String msg) {
        error(msg, null);
    }

    @Override
    public void error(String msg, Throwable e) {
        report(msg, e);
    }

    private void report(String msg, Throwable e) {
        if (msg != null && msg.contains("SSL")) {
            out.get().println(REFUSED_CONNECTION + ": " + msg + (e == null ? "" : " (" + e + ")"));
        }
    }
}
