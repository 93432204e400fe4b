package io.github.mp4j.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The conformance table, {@code docs/conformance.md}, computed from this package's test classes.
 *
 * <p><b>Implementation overview.</b> The inventory is every test method of CPython's
 * {@code Lib/test/_test_multiprocessing.py} (resource {@code conformance/cpython-3.13.tsv}, written
 * by {@code src/test/python/cpython_inventory.py}) plus the tests of later CPython versions listed by
 * hand in {@code conformance/cpython-additions.tsv}. CPython's class {@code _TestQueue} is ported as
 * the class {@code TestQueue} of this package (the leading underscore dropped) and its method
 * {@code test_get_nowait} as a test method {@code testGetNowait}, declared in that class, a superclass
 * or one of its {@link Nested} classes (so a class may run its tests once per start method). Each
 * inventory method then has one status: ported; a deliberate difference (the test carries
 * {@link Deliberate}); not applicable (declared by {@link NotApplicable} on the class); or not yet
 * ported. A test class or test method of this package with no inventory entry is a <em>stray</em>
 * (a misspelt name would otherwise leave a method "not yet ported" while its test runs unseen).
 */
final class ConformanceTable {

    /** The CPython version the generated inventory was taken from. */
    static final String CPYTHON = "3.13";

    /** One test of CPython's; {@code since} is null for the generated inventory's version. */
    record Row(String pythonClass, String pythonMethod, String since) {
    }

    /** How mp4j stands to one test of CPython's. */
    enum Status {
        PORTED("ported"),
        DELIBERATE("deliberate difference"),
        NOT_APPLICABLE("not applicable"),
        NOT_YET_PORTED("not yet ported");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    /** A row with its status and, for a difference or an omission, the reason given. */
    record Entry(Row row, Status status, String reason) {
    }

    private ConformanceTable() {
    }

    static List<Row> inventory() {
        List<Row> rows = new ArrayList<>();
        readTsv("cpython-" + CPYTHON + ".tsv", fields -> rows.add(new Row(fields[0], fields[1], null)));
        readTsv("cpython-additions.tsv", fields -> rows.add(new Row(fields[0], fields[1], fields[2])));
        return rows;
    }

    private static void readTsv(String name, java.util.function.Consumer<String[]> row) {
        try (InputStream in = ConformanceTable.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource conformance/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    row.accept(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code _TestQueue} → {@code TestQueue}. */
    static String javaClassName(String pythonClass) {
        return pythonClass.startsWith("_") ? pythonClass.substring(1) : pythonClass;
    }

    /** {@code test_get_nowait} → {@code testGetNowait}. */
    static String javaMethodName(String pythonMethod) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : pythonMethod.toCharArray()) {
            if (c == '_') {
                upper = name.length() > 0;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    static Optional<Class<?>> portedClass(String pythonClass) {
        try {
            return Optional.of(Class.forName(ConformanceTable.class.getPackageName() + "." + javaClassName(pythonClass)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The test methods of {@code type}, its superclasses and its nested test classes, by name. */
    static Map<String, Method> testMethods(Class<?> type) {
        Map<String, Method> methods = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (AnnotationSupport.isAnnotated(m, Testable.class)) {
                    methods.putIfAbsent(m.getName(), m);
                }
            }
            for (Class<?> inner : c.getDeclaredClasses()) {
                if (inner.isAnnotationPresent(Nested.class)) {
                    testMethods(inner).forEach(methods::putIfAbsent);
                }
            }
        }
        return methods;
    }

    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Row row : inventory()) {
            Optional<Class<?>> ported = portedClass(row.pythonClass());
            Optional<NotApplicable> notApplicable = ported.flatMap(c -> notApplicable(c, row.pythonMethod()));
            Method test = ported.map(c -> testMethods(c).get(javaMethodName(row.pythonMethod()))).orElse(null);
            if (test != null) {
                Deliberate deliberate = test.getAnnotation(Deliberate.class);
                entries.add(deliberate == null ? new Entry(row, Status.PORTED, null)
                        : new Entry(row, Status.DELIBERATE, deliberate.value()));
            } else if (notApplicable.isPresent()) {
                entries.add(new Entry(row, Status.NOT_APPLICABLE, notApplicable.get().reason()));
            } else {
                entries.add(new Entry(row, Status.NOT_YET_PORTED, null));
            }
        }
        return entries;
    }

    private static Optional<NotApplicable> notApplicable(Class<?> type, String pythonMethod) {
        return Stream.of(type.getAnnotationsByType(NotApplicable.class))
                .filter(n -> n.method().isEmpty() || n.method().equals(pythonMethod))
                .findFirst();
    }

    /**
     * What this package holds that the inventory does not know: test classes named like a
     * conformance class ({@code Test...}) with no CPython class of that name, test methods with no
     * CPython method of that name, and {@link NotApplicable} declarations naming no CPython method.
     */
    static List<String> strays() {
        Map<String, TreeSet<String>> known = new LinkedHashMap<>();
        for (Row row : inventory()) {
            known.computeIfAbsent(javaClassName(row.pythonClass()), k -> new TreeSet<>()).add(row.pythonMethod());
        }
        List<String> strays = new ArrayList<>();
        for (String simpleName : packageClassNames()) {
            TreeSet<String> methods = known.get(simpleName);
            if (methods == null) {
                if (simpleName.startsWith("Test")) {
                    strays.add("class " + simpleName + " matches no CPython test class");
                }
                continue;
            }
            Class<?> type = portedClass(simpleName).orElseThrow();
            TreeSet<String> javaNames = new TreeSet<>();
            methods.forEach(m -> javaNames.add(javaMethodName(m)));
            for (String name : testMethods(type).keySet()) {
                if (!javaNames.contains(name)) {
                    strays.add(simpleName + "." + name + " matches no CPython test method");
                }
            }
            for (NotApplicable n : type.getAnnotationsByType(NotApplicable.class)) {
                if (!n.method().isEmpty() && !methods.contains(n.method())) {
                    strays.add(simpleName + ": @NotApplicable names no CPython method " + n.method());
                }
            }
        }
        return strays;
    }

    /** Simple names of the top-level classes compiled into this package. */
    private static List<String> packageClassNames() {
        try {
            Path folder = Path.of(ConformanceTable.class.getResource("ConformanceTable.class").toURI()).getParent();
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.contains("$"))
                        .map(n -> n.substring(0, n.length() - ".class".length()))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of docs/conformance.md. */
    static String markdown() {
        List<Entry> entries = entries();
        Map<String, List<Entry>> byClass = new LinkedHashMap<>();
        entries.forEach(e -> byClass.computeIfAbsent(e.row().pythonClass(), k -> new ArrayList<>()).add(e));

        StringBuilder md = new StringBuilder();
        md.append("# Conformance with CPython's multiprocessing tests\n\n")
                .append("Generated from the conformance suite (`src/test/java/io/github/mp4j/conformance`) by\n")
                .append("`ConformanceTableTest`; do not edit by hand. Regenerate with\n")
                .append("`mvn -B -q -o test -Dtest=ConformanceTableTest -Dmp4j.conformance.write=true`.\n\n")
                .append("Each row is a test class of CPython ").append(CPYTHON)
                .append("'s `Lib/test/_test_multiprocessing.py` (and tests of later\n")
                .append("versions, marked). *Ported* tests assert what CPython asserts, in Java spelling; a *deliberate\n")
                .append("difference* is a ported test that asserts mp4j's behaviour where it differs on purpose, for the\n")
                .append("reason given below. Every ported test runs in `mvn -B verify`, on Java 17 and Temurin 25.\n\n")
                .append("| CPython class | tests | ported | deliberate difference | not applicable | not yet ported |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        int[] total = new int[Status.values().length];
        byClass.forEach((pythonClass, rows) -> {
            int[] counts = count(rows);
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[i];
            }
            md.append(tableRow("`" + pythonClass + "`", rows.size(), counts));
        });
        md.append(tableRow("**total**", entries.size(), total)).append('\n');

        md.append("## Differences, omissions and what is left\n");
        byClass.forEach((pythonClass, rows) -> {
            List<Entry> notable = rows.stream().filter(e -> e.status() != Status.PORTED).toList();
            if (notable.isEmpty()) {
                return;
            }
            md.append("\n### `").append(pythonClass).append("`\n\n");
            for (Entry e : notable) {
                md.append("- `").append(e.row().pythonMethod()).append("`");
                if (e.row().since() != null) {
                    md.append(" (CPython ").append(e.row().since()).append(')');
                }
                md.append(": ").append(e.status().label);
                if (e.reason() != null) {
                    md.append(". ").append(e.reason());
                }
                md.append('\n');
            }
        });
        return md.toString();
    }

    private static int[] count(List<Entry> rows) {
        int[] counts = new int[Status.values().length];
        rows.forEach(e -> counts[e.status().ordinal()]++);
        return counts;
    }

    private static String tableRow(String name, int tests, int[] counts) {
        StringBuilder row = new StringBuilder("| ").append(name).append(" | ").append(tests);
        for (int c : counts) {
            row.append(" | ").append(c);
        }
        return row.append(" |\n").toString();
    }
}
