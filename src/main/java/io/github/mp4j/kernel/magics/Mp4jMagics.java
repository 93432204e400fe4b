package io.github.mp4j.kernel.magics;

import java.util.function.Consumer;

/**
 * The magics mp4j brings to every notebook host (its own kernel, JJava, IJava): {@code %time},
 * {@code %%time}, {@code %timeit}, {@code %%timeit} ({@link TimingMagics}), {@code %%compare}
 * ({@link CompareMagic}), {@code %ps}, {@code %manager}, {@code %cluster} ({@link TableMagics}) and
 * {@code %pool} ({@link PoolMagic}), {@code %progress} ({@link ProgressMagic}). The class path magics and {@code %load} are the host's own.
 */
public final class Mp4jMagics {

    private Mp4jMagics() {}

    /**
     * Registers them in {@code registry}.
     *
     * @param runner  runs cell text in the host's session
     * @param show   shows a value as a new output of the running cell
     */
    public static void register(MagicRegistry registry, LoadMagic.Runner runner, Consumer<Object> show) {
        TimingMagics.register(registry, runner);
        CompareMagic.register(registry, runner);
        TableMagics.register(registry);
        PoolMagic.register(registry, show);
        ProgressMagic.register(registry);
    }
}
