package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.shipping.Shipment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * The layers of a task's path depend one way: no cycle among {@code wire}, {@code shipping},
 * {@code handles}, {@code pool} and {@code manager}. Read from the compiled classes' constant pools,
 * where every class a class names (in code, descriptors and generic signatures) is written.
 */
class PackageCyclesTest {

    private static final List<String> LAYERS = List.of("wire", "shipping", "handles", "pool", "manager");
    private static final Pattern NAMED = Pattern.compile("io/github/mp4j/(" + String.join("|", LAYERS) + ")/(\\w+)");

    @Test
    void theTaskPathsPackagesFormNoCycle() throws Exception {
        Map<String, Map<String, Set<String>>> edges = edges();
        assertTrue(edges.get("pool").containsKey("shipping"), "the scan sees pool's use of shipping: " + edges);
        List<String> cycle = cycle(edges);
        assertEquals(List.of(), cycle, "a package cycle; each step's classes: " + explain(cycle, edges));
    }

    @Test
    void wireNamesNothingAboveIt() throws Exception {
        assertEquals(Map.of(), edges().getOrDefault("wire", Map.of()));
    }

    /** package → package it names → "Class -> Class" pairs that make the edge. */
    private static Map<String, Map<String, Set<String>>> edges() throws IOException, URISyntaxException {
        Path root = Path.of(Shipment.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/github/mp4j");
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        for (String from : LAYERS) {
            try (Stream<Path> files = Files.list(root.resolve(from))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String user = file.getFileName().toString().replaceAll("\\$.*|\\.class$", "");
                    for (String named : namedClasses(Files.readAllBytes(file))) {
                        Matcher m = NAMED.matcher(named);
                        while (m.find()) {
                            if (!m.group(1).equals(from)) {
                                edges.computeIfAbsent(from, k -> new TreeMap<>())
                                        .computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                        .add(user + " -> " + m.group(2));
                            }
                        }
                    }
                }
            }
        }
        return edges;
    }

    /** The UTF-8 constants of a class file: class names, descriptors, signatures (and string literals). */
    private static List<String> namedClasses(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset > 0 && reader.readByte(offset - 1) == 1) { // CONSTANT_Utf8
                texts.add(new String(classFile, offset + 2, reader.readUnsignedShort(offset), StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    /** A cycle as the packages along it, first repeated last; empty when there is none. */
    private static List<String> cycle(Map<String, Map<String, Set<String>>> edges) {
        for (String start : LAYERS) {
            List<String> path = new ArrayList<>(List.of(start));
            if (search(start, path, edges)) {
                return path;
            }
        }
        return List.of();
    }

    private static boolean search(String start, List<String> path, Map<String, Map<String, Set<String>>> edges) {
        String last = path.get(path.size() - 1);
        for (String next : edges.getOrDefault(last, Map.of()).keySet()) {
            if (next.equals(start)) {
                path.add(next);
                return true;
            }
            if (!path.contains(next)) {
                path.add(next);
                if (search(start, path, edges)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    private static String explain(List<String> cycle, Map<String, Map<String, Set<String>>> edges) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            text.append('\n').append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(": ")
                    .append(edges.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        return text.toString();
    }
}
