package io.github.mp4j;

import java.io.Serializable;

/**
 * A serializable {@link Runnable}, for {@link ProcessPoolExecutor#execute} and
 * {@link ProcessPoolExecutor#submit(SerializableRunnable)}: a lambda passed there becomes one (the
 * more specific overload) and travels to a worker JVM with what it captures.
 *
 * <pre>{@code
 * executor.execute(() -> System.out.println("in worker " + ProcessHandle.current().pid()));
 * }</pre>
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
