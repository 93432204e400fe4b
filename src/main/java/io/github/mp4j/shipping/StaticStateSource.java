package io.github.mp4j.shipping;

import java.util.Map;
import java.util.Set;

/**
 * Supplies static field values that a child must see before its task runs, because the child's own
 * class initialization cannot produce them: the Jupyter kernel's top-level variables, which JShell
 * keeps in static fields of its snippet classes and assigns only when a cell runs.
 *
 * <p>Registered with {@link ClassShipping#setStaticStateSource}; with none registered (plain
 * programs) starting a process does no extra work. The source is asked once per
 * {@code Process.start()}, on the starting thread, after the task has been serialized: that is
 * the moment the values are snapshotted.
 */
@FunctionalInterface
public interface StaticStateSource {

    /**
     * The values to set in the child, by binary class name and then by field name, for a task whose
     * serialized form names {@code named} (the classes of the objects it holds and the capturing
     * classes of its lambdas). Each value is serialized on its own; one that cannot be serialized
     * is left out and the child keeps its default. Only static, non-final fields are set.
     *
     * @return an empty map when nothing needs to be set
     */
    Map<String, Map<String, Object>> staticState(Set<Class<?>> named);
}
