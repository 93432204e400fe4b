package io.github.mp4j.notebook;

import io.github.mp4j.shipping.ClassBytesSource;
import io.github.mp4j.shipping.StaticStateSource;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots the notebook's top-level variables that a worker's task may read, so that
 * {@code int n = 5;} in one cell and {@code new Process(() -> System.out.println(n)).start()} in
 * another prints 5 in the worker.
 *
 * <p>JShell keeps a top-level variable in a static field of the snippet class that declares it,
 * assigned when the cell runs; a worker that loads the class would see null or 0. A lambda does not
 * capture such a variable: its code reads the field. So the classes whose fields matter are the
 * snippet classes the task names (the capturing classes of its lambdas, the classes of the objects
 * it holds) and every snippet class their bytecode refers to, transitively (a cell method that
 * reads another variable). For each of those this returns the current value of every static,
 * non-final, non-null field.
 *
 * <p>Every notebook host uses it: mp4j's kernel over its own JShell, JJava and IJava over theirs.
 * It needs no library but mp4j (the constant pool is read here, not with ASM).
 *
 * <pre>{@code
 * ClassShipping.setStaticStateSource(new TopLevelVariables(cellClasses, cellLoader));
 * }</pre>
 */
public final class TopLevelVariables implements StaticStateSource {

    private final ClassBytesSource cells;
    private final ClassLoader loader;

    /**
     * @param cells  the class files of the session's snippet classes, and null for every other
     *               class: only snippet classes hold top-level variables
     * @param loader the loader that defined the snippet classes
     */
    public TopLevelVariables(ClassBytesSource cells, ClassLoader loader) {
        this.cells = cells;
        this.loader = loader;
    }

    @Override
    public Map<String, Map<String, Object>> staticState(Set<Class<?>> named) {
        Deque<String> pending = new ArrayDeque<>();
        for (Class<?> c : named) {
            if (cells.find(c.getName()) != null) {
                pending.add(c.getName());
            }
        }
        Set<String> seen = new HashSet<>(pending);
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            String name = pending.poll();
            byte[] bytes = cells.find(name);
            for (String referenced : referencedClasses(bytes)) {
                if (cells.find(referenced) != null && seen.add(referenced)) {
                    pending.add(referenced);
                }
            }
            Map<String, Object> values = valuesOf(name);
            if (!values.isEmpty()) {
                state.put(name, values);
            }
        }
        return state;
    }

    /** The static, non-final, non-null fields of a loaded snippet class, by name. */
    private Map<String, Object> valuesOf(String className) {
        Map<String, Object> values = new LinkedHashMap<>();
        Class<?> type;
        try {
            // Reading a field below initializes the class if needed; for a snippet class that only
            // sets defaults, since JShell assigns top-level variables in do_it$, not in <clinit>.
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return values;
        }
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                continue;
            }
            try {
                field.setAccessible(true);
                Object value = field.get(null);
                if (value != null) {
                    values.put(field.getName(), value);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // an unreadable field is one that will not be snapshotted
            }
        }
        return values;
    }

    /** Binary names of the classes a class file's constant pool refers to (array types by element). */
    static Set<String> referencedClasses(byte[] classFile) {
        try {
            Set<String> names = new HashSet<>();
            for (String internal : ConstantPool.classNames(new DataInputStream(new ByteArrayInputStream(classFile)))) {
                String element = internal.replaceFirst("^\\[+L(.*);$", "$1");
                if (!element.startsWith("[")) { // an array of a primitive type refers to no class
                    names.add(element.replace('/', '.'));
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class file: " + e, e);
        }
    }
}
