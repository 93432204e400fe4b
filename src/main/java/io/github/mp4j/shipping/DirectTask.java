package io.github.mp4j.shipping;

import io.github.mp4j.Task;

import java.lang.invoke.MethodHandleInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A {@link Task} lambda rebuilt without {@code LambdaMetafactory}: {@link #run} calls the lambda's
 * static implementation method by reflection, with the values the lambda captured. A child JVM
 * runs the task of its {@code Process} once, and in a fresh JVM linking a lambda costs far more
 * than that one reflective call: bootstrapping the metafactory spins a class and resolves method
 * handles, all of it interpreted (see {@link LambdaShape#readRunOnce} for the figures).
 *
 * <p>Only a static implementation method qualifies: a lambda body that does not use {@code this}
 * and a static method reference, which covers every {@code Task} that travels in compact form (a
 * captured {@code this} or a bound receiver is an object, which makes the whole task travel by
 * Java serialization). What the method throws, {@link #run} throws as it is. Only the class of
 * the object differs (and marker interfaces of an intersection cast are not kept), which nothing
 * but the child's own call of its task sees.
 *
 * <p>The message naming the method comes from the parent that started this JVM, which chose its
 * command line too; calling the method it names trusts that parent no further.
 */
final class DirectTask implements Task {

    private static final long serialVersionUID = 1L;

    private final Method method;
    private final Object[] args;

    private DirectTask(Method method, Object[] args) {
        this.method = method;
        this.args = args;
    }

    /**
     * The task that calls static method {@code name} with descriptor {@code descriptor} of
     * {@code owner} with {@code captured}, as a lambda with that implementation would; null when
     * the method is of another {@link MethodHandleInfo} kind, not found, or not accessible (a named
     * module's), for the lambda to be made the usual way.
     */
    static Task of(Class<?> owner, String name, String descriptor, int kind, Object[] captured) {
        if (kind != MethodHandleInfo.REF_invokeStatic) {
            return null;
        }
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == captured.length && descriptor(m).equals(descriptor)) {
                return m.trySetAccessible() ? new DirectTask(m, captured) : null;
            }
        }
        return null;
    }

    private static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            d.append(p.descriptorString());
        }
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }

    @Override
    public void run() throws Exception {
        try {
            method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw DirectTask.<Exception>asThrown(e.getCause());
        }
    }

    /** Throws {@code t} unchanged, whatever its type, as the lambda itself would have thrown it. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T asThrown(Throwable t) throws T {
        throw (T) t;
    }
}
