package io.github.mp4j;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The clients a {@link Listener} refused, as it reports them at {@code DEBUG} to its
 * {@link System.Logger} (which the JDK routes to java.util.logging); for tests.
 */
final class RefusalLog implements AutoCloseable {

    private final Logger logger = Logger.getLogger(Listener.class.getName());
    private final Level level = logger.getLevel();
    private final boolean parents = logger.getUseParentHandlers();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    RefusalLog() {
        logger.setLevel(Level.FINE);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** The reason given for the next refusal, waiting at most {@link SocketPair#WAIT}. */
    String nextReason() throws InterruptedException {
        String message = messages.poll(SocketPair.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no client was refused within " + SocketPair.WAIT);
        }
        return message.substring(message.indexOf(": ") + 2); // after "refused the client <address>"
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parents);
        logger.setLevel(level);
    }
}
