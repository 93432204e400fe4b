package io.github.mp4j.kernel.execution;

import io.github.mp4j.shipping.JShellClasses;
import io.github.mp4j.shipping.StaticStateSource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;

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
 */
final class TopLevelVariables implements StaticStateSource {

    /** JVMS tag of a CONSTANT_Class entry. */
    private static final int CONSTANT_CLASS = 7;

    private final JShellClasses classes;

    TopLevelVariables(JShellClasses classes) {
        this.classes = classes;
    }

    @Override
    public Map<String, Map<String, Object>> staticState(Set<Class<?>> named) {
        Deque<String> pending = new ArrayDeque<>();
        for (Class<?> c : named) {
            if (classes.find(c.getName()) != null) {
                pending.add(c.getName());
            }
        }
        Set<String> seen = new HashSet<>(pending);
        Map<String, Map<String, Object>> state = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            String name = pending.poll();
            byte[] bytes = classes.find(name);
            for (String referenced : referencedClasses(bytes)) {
                if (classes.find(referenced) != null && seen.add(referenced)) {
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
            type = Class.forName(className, false, classes.loader());
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
        Set<String> names = new HashSet<>();
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i); // 0 for the unusable slot after a long or double
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                String internal = reader.readUTF8(offset, buffer);
                String element = internal.replaceFirst("^\\[+L(.*);$", "$1");
                if (!element.startsWith("[")) { // an array of a primitive type refers to no class
                    names.add(element.replace('/', '.'));
                }
            }
        }
        return names;
    }
}
