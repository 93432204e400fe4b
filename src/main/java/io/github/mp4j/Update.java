package io.github.mp4j;

import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * A serializable function from a shared value to its new value. A manager runs it inside its own
 * process, under the shared object's lock, so the read, the change and the write are one atomic step
 * that no other client can interleave with.
 *
 * <pre>{@code
 * DictProxy<String, Integer> d = manager.dict();
 * d.put("count", 100);
 * d.update("count", n -> n - 1);            // atomic, unlike d.put("count", d.get("count") - 1)
 * }</pre>
 *
 * <p>The function and what it captures are serialized into the manager's process; classes that exist
 * only in the calling JVM (JShell cells) are fetched from the process that started the manager. It
 * must not call the manager itself (a call on the same object would wait for the lock it holds).
 */
@FunctionalInterface
public interface Update<T> extends UnaryOperator<T>, Serializable {
}
