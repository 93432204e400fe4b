package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An object of a registered type. Its public methods are exposed (those of {@link Object} except
 * {@code toString}, {@code equals} and {@code hashCode} are not), found by name and argument count
 * and checked against the arguments' types. Calls are not synchronized: the object is as thread-safe
 * as its class, exactly as in Python's manager.
 */
final class ObjectReferent implements Referent, Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<Class<?>, Method[]> PUBLIC_METHODS = new ConcurrentHashMap<>();

    private final Object target;

    ObjectReferent(Object target) {
        if (target == null) {
            throw new IllegalArgumentException("the factory returned null");
        }
        this.target = target;
    }

    @Override
    public Object call(String method, Object[] args, Session session) throws Exception {
        Method m = find(method, args);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Method find(String name, Object[] args) {
        Method[] methods = PUBLIC_METHODS.computeIfAbsent(target.getClass(), ObjectReferent::exposed);
        boolean named = false;
        for (Method m : methods) {
            if (m.getName().equals(name)) {
                named = true;
                if (accepts(m.getParameterTypes(), args)) {
                    return m;
                }
            }
        }
        String type = target.getClass().getSimpleName();
        if (!named) {
            throw Referent.notExposed(type, name);
        }
        throw new RemoteError("method '" + name + "' of " + type + " does not take these " + args.length + " argument(s)");
    }

    private static Method[] exposed(Class<?> type) {
        return java.util.Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() != Object.class || switch (m.getName()) {
                    case "toString", "equals", "hashCode" -> true;
                    default -> false;
                })
                .peek(m -> {
                    try {
                        m.setAccessible(true); // a public method of a non-public class (a JShell cell's)
                    } catch (RuntimeException ignored) {
                        // invoke reports it if it matters
                    }
                })
                .toArray(Method[]::new);
    }

    private static boolean accepts(Class<?>[] params, Object[] args) {
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i].isPrimitive() ? boxed(params[i]) : params[i];
            if (args[i] == null ? params[i].isPrimitive() : !p.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }
}
