package io.github.mp4j.kernel.magics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The magics a kernel knows, by name (without {@code %}). Magic families register themselves
 * (see {@link ClasspathMagics}); {@code %lsmagic} lists what is registered.
 */
public final class MagicRegistry {

    private final Map<String, LineMagic> lines = new ConcurrentHashMap<>();
    private final Map<String, CellMagic> cells = new ConcurrentHashMap<>();

    public MagicRegistry() {
        line("lsmagic", args -> list());
    }

    /** Registers (or replaces) line magic {@code name}. */
    public void line(String name, LineMagic magic) {
        lines.put(name, magic);
    }

    /**
     * Registers (or replaces) line magic {@code name}, which takes no arguments and returns a fresh
     * {@code show.get()}: a snapshot such as a table of live objects.
     *
     * @param type what {@code var x = %name} gives {@code x}
     */
    public <T> void snapshot(String name, Class<T> type, Supplier<? extends T> show) {
        line(name, new LineMagic() {
            @Override
            public Object run(String args) {
                if (!args.isBlank()) {
                    throw new IllegalArgumentException("%" + name + " takes no arguments");
                }
                return show.get();
            }

            @Override
            public String resultType() {
                return type.getName();
            }
        });
    }

    /** Registers (or replaces) cell magic {@code name}. */
    public void cell(String name, CellMagic magic) {
        cells.put(name, magic);
    }

    /**
     * The line magic called {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public LineMagic line(String name) {
        LineMagic m = lines.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no line magic %" + name + " (%lsmagic lists them)");
        }
        return m;
    }

    /**
     * The cell magic called {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public CellMagic cell(String name) {
        CellMagic m = cells.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no cell magic %%" + name + " (%lsmagic lists them)");
        }
        return m;
    }

    /** The type an assigned line magic's value is cast to; {@code Object} for unknown names. */
    public String resultType(String name) {
        LineMagic m = lines.get(name);
        return m == null ? "Object" : m.resultType();
    }

    /** Sorted names of the line (or cell) magics that start with {@code prefix}. */
    public java.util.List<String> names(boolean cellMagics, String prefix) {
        return (cellMagics ? cells : lines).keySet().stream()
                .filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    /** What {@code %lsmagic} shows: the line and cell magics, sorted. */
    public String list() {
        StringBuilder b = new StringBuilder("Line magics:");
        new TreeMap<>(lines).keySet().forEach(n -> b.append(" %").append(n));
        b.append("\nCell magics:");
        if (cells.isEmpty()) {
            b.append(" (none)");
        }
        new TreeMap<>(cells).keySet().forEach(n -> b.append(" %%").append(n));
        return b.toString();
    }
}
