package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's edge: the root package is the API and the sub-packages are internal (their
 * package-info says so), so no public or protected signature of a root type may name a sub-package's
 * type. A leak would let callers depend on internals that change without notice.
 */
class ApiEdgeTest {

    private static final String ROOT = Lock.class.getPackageName();

    @Test
    void noRootSignatureNamesASubPackageType() throws Exception {
        List<Class<?>> api = apiTypes();
        assertTrue(api.size() > 30, "found the root package's types: " + api);
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : api) {
            new Signatures(type, leaks).check();
        }
        assertEquals(Set.of(), leaks, "root API signatures that name an internal type");
    }

    @Test
    void theCheckSeesALeak() {
        Set<String> leaks = new TreeSet<>();
        new Signatures(Leaky.class, leaks).check();
        assertEquals(Set.of(Leaky.class.getName() + ".open(): " + io.github.mp4j.wire.Frames.class.getName()), leaks);
    }

    /** A type that leaks: what {@link #theCheckSeesALeak()} must catch. */
    public static class Leaky {
        public List<io.github.mp4j.wire.Frames> open() {
            return List.of();
        }
    }

    /** The public types of the root package, nested ones included, from its compiled classes. */
    private static List<Class<?>> apiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Lock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve(ROOT.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class")) {
                    Class<?> type = Class.forName(ROOT + "." + name.substring(0, name.length() - ".class".length()),
                            false, Lock.class.getClassLoader());
                    if (isVisible(type)) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(Member member) {
        return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
    }

    /** Walks one type's visible signatures and records each mention of an internal type. */
    private static final class Signatures {
        private final Class<?> type;
        private final Set<String> leaks;
        private final Set<TypeVariable<?>> walked = new HashSet<>();

        Signatures(Class<?> type, Set<String> leaks) {
            this.type = type;
            this.leaks = leaks;
        }

        void check() {
            String name = type.getName();
            walk(name + " extends", type.getGenericSuperclass());
            for (Type supertype : type.getGenericInterfaces()) {
                walk(name + " implements", supertype);
            }
            for (TypeVariable<?> variable : type.getTypeParameters()) {
                walk(name + "<" + variable + ">", variable);
            }
            // a hidden superclass's visible members are this type's
            for (Class<?> c = type; c == type || c != null && !isVisible(c); c = c.getSuperclass()) {
                members(name, c);
            }
        }

        private void members(String name, Class<?> declaring) {
            for (Field field : declaring.getDeclaredFields()) {
                if (isVisible(field) && !field.isSynthetic()) {
                    walk(name + "." + field.getName(), field.getGenericType());
                }
            }
            for (Constructor<?> constructor : declaring.getDeclaredConstructors()) {
                if (declaring == type && isVisible(constructor) && !constructor.isSynthetic()) {
                    walk(name + "(...)", constructor);
                }
            }
            for (Method method : declaring.getDeclaredMethods()) {
                if (isVisible(method) && !method.isSynthetic() && !method.isBridge()) {
                    walk(name + "." + method.getName() + "()", method.getGenericReturnType());
                    walk(name + "." + method.getName() + "()", method);
                }
            }
        }

        private void walk(String where, Executable executable) {
            for (TypeVariable<?> variable : executable.getTypeParameters()) {
                walk(where, variable);
            }
            for (Type parameter : executable.getGenericParameterTypes()) {
                walk(where, parameter);
            }
            for (Type thrown : executable.getGenericExceptionTypes()) {
                walk(where, thrown);
            }
        }

        private void walk(String where, Type mentioned) {
            if (mentioned instanceof Class<?> c) {
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                if (c.getPackageName().startsWith(ROOT + ".")) {
                    leaks.add(where + ": " + c.getName());
                }
            } else if (mentioned instanceof ParameterizedType p) {
                walk(where, p.getRawType());
                if (p.getOwnerType() != null) {
                    walk(where, p.getOwnerType());
                }
                for (Type argument : p.getActualTypeArguments()) {
                    walk(where, argument);
                }
            } else if (mentioned instanceof WildcardType w) {
                for (Type bound : w.getUpperBounds()) {
                    walk(where, bound);
                }
                for (Type bound : w.getLowerBounds()) {
                    walk(where, bound);
                }
            } else if (mentioned instanceof GenericArrayType a) {
                walk(where, a.getGenericComponentType());
            } else if (mentioned instanceof TypeVariable<?> v && walked.add(v)) {
                for (Type bound : v.getBounds()) {
                    walk(where, bound);
                }
            }
        }
    }
}
