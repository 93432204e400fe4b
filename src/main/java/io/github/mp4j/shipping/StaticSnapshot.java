package io.github.mp4j.shipping;

import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A task together with static field values taken when it was submitted, as one serializable
 * object: reading it in the child sets the fields, then reads the task, and resolves to the task.
 *
 * <p>The task travels as bytes so that the fields are set before any of its classes could read
 * them, and the child's reader still ends up with the task object it expects. Each value is
 * serialized on its own, so one that cannot be serialized is left out without losing the others;
 * the price is that two fields referring to one object arrive as two copies.
 */
final class StaticSnapshot implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** class name → field name → serialized value */
    private final Map<String, Map<String, byte[]>> values;
    private final byte[] task;
    private transient Object resolved;

    private StaticSnapshot(Map<String, Map<String, byte[]>> values, byte[] task) {
        this.values = values;
        this.task = task;
    }

    /**
     * Serializes {@code task}, asks {@code source} for the static state of the classes it names and
     * returns the task's bytes alone when there is none, else the bytes of a snapshot wrapping it.
     * {@code alsoNamed} hears every class the task's bytes name.
     */
    static byte[] serialize(Object task, StaticStateSource source, java.util.function.Consumer<Class<?>> alsoNamed)
            throws IOException {
        Set<Class<?>> named = new java.util.LinkedHashSet<>();
        byte[] taskBytes = ObjectCodec.serialize(task, named::add);
        named.forEach(alsoNamed);
        Map<String, Map<String, byte[]>> values = new LinkedHashMap<>();
        source.staticState(named).forEach((className, fields) -> {
            Map<String, byte[]> serialized = new LinkedHashMap<>();
            fields.forEach((field, value) -> {
                try {
                    serialized.put(field, ObjectCodec.serialize(value));
                } catch (IOException | RuntimeException e) {
                    // documented: a value that cannot be serialized stays at the child's default
                }
            });
            if (!serialized.isEmpty()) {
                values.put(className, serialized);
            }
        });
        return values.isEmpty() ? taskBytes : ObjectCodec.serialize(new StaticSnapshot(values, taskBytes));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        ClassLoader loader = ClassShipping.loader();
        values.forEach((className, fields) -> fields.forEach((name, bytes) -> {
            try {
                Class<?> owner = Class.forName(className, false, loader);
                ObjectCodec.checkClass(owner); // before setting the field initializes it
                Field field = owner.getDeclaredField(name);
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)) {
                    field.setAccessible(true);
                    field.set(null, ObjectCodec.deserialize(bytes));
                }
            } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
                // The task may not even read this field, so failing the whole start would be worse.
                System.err.println("mp4j: " + className + "." + name + " keeps its default in this process: " + e);
            }
        }));
        resolved = ObjectCodec.deserialize(task);
    }

    @Serial
    private Object readResolve() {
        return resolved;
    }
}
