package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.ZMQ;

/**
 * basekernel's connection with shell and control channels that wait for messages instead of
 * polling: basekernel 2.3.0's channels check their socket and then sleep 50 ms, which adds up to
 * 50 ms to every request and caps a channel at 20 requests a second (a start-up backlog of
 * {@code kernel_info_request}s then takes seconds to clear).
 *
 * <p>basekernel creates its channels in final fields of its constructor and offers no way to pass
 * others in, so this class replaces the two (still unbound) channels by reflection, once, right
 * after construction.
 */
final class KernelConnection extends JupyterConnection {

    private static final Logger LOG = Logger.getLogger(KernelConnection.class.getName());

    KernelConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
        super(properties);
        HMACGenerator hmac = properties.createHMACGenerator();
        ZMQ.Context context = contextOf(this);
        replace("shell", new WaitingShellChannel(context, hmac, false, this));
        replace("control", new WaitingShellChannel(context, hmac, true, this));
    }

    /** The stdin channel (for {@link CellInput}). */
    io.github.spencerpark.jupyter.channels.StdinChannel stdin() {
        return stdin;
    }

    /** The ZeroMQ context of all channels. */
    ZMQ.Context context() {
        return contextOf(this);
    }

    private void replace(String fieldName, ShellChannel channel) {
        try {
            Field field = JupyterConnection.class.getDeclaredField(fieldName);
            field.setAccessible(true);
            ((ShellChannel) field.get(this)).close(); // never bound: closing frees its socket
            field.set(this, channel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("basekernel's JupyterConnection changed: no field " + fieldName, e);
        }
    }

    private static ZMQ.Context contextOf(JupyterConnection connection) {
        try {
            Field field = JupyterConnection.class.getDeclaredField("ctx");
            field.setAccessible(true);
            return (ZMQ.Context) field.get(connection);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("basekernel's JupyterConnection changed: no field ctx", e);
        }
    }

    /**
     * A shell (or control) channel whose thread blocks in {@code poll} until a request arrives,
     * handles it, and waits again. Handlers, reply environments and shutdown behave as in
     * basekernel's {@link ShellChannel}.
     */
    private static final class WaitingShellChannel extends ShellChannel {
        /** How long one wait lasts before the loop rechecks whether it should stop. */
        private static final long WAIT_MILLIS = 100;

        private final JupyterConnection connection;
        private final String name;
        private volatile boolean running;
        private Thread loop;

        WaitingShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
            super(context, hmac, control, connection);
            this.connection = connection;
            this.name = control ? "mp4j-control" : "mp4j-shell";
        }

        @Override
        public void bind(KernelConnectionProperties p) {
            int port = name.equals("mp4j-control") ? p.getControlPort() : p.getShellPort();
            bind(formatAddress(p.getTransport(), p.getIp(), port));
            ZMQ.Poller poller = ctx.poller(1);
            poller.register(this, ZMQ.Poller.POLLIN);
            running = true;
            loop = new Thread(() -> {
                while (running) {
                    try {
                        if (poller.poll(WAIT_MILLIS) > 0 && running) {
                            handle(readMessage());
                        }
                    } catch (RuntimeException e) {
                        if (running) {
                            LOG.log(Level.SEVERE, name + ": cannot read a message", e);
                        }
                    }
                }
            }, name);
            loop.start();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void handle(Message message) {
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                LOG.warning(name + ": no handler for " + message.getHeader().getType().getName());
                return;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, name + ": handling " + message.getHeader().getType().getName() + " failed", e);
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                connection.close();
            }
        }

        @Override
        public void close() {
            running = false;
            Thread t = loop;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(2 * WAIT_MILLIS); // let a waiting poll return before the socket goes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.close();
        }

        @Override
        public void waitUntilClose() {
            Thread t = loop;
            if (t != null) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
