package io.github.mp4j.notebook;

import io.github.mp4j.Cluster;
import io.github.mp4j.Manager;
import io.github.mp4j.Pool;
import io.github.mp4j.Process;
import io.github.mp4j.kernel.execution.CompilationException;
import io.github.mp4j.kernel.execution.StartupImports;
import io.github.mp4j.kernel.magics.CellMagic;
import io.github.mp4j.kernel.magics.LineMagic;
import io.github.mp4j.kernel.magics.MagicRegistry;
import io.github.mp4j.kernel.magics.Mp4jMagics;
import io.github.mp4j.shipping.ClassBytesSource;
import io.github.mp4j.shipping.ClassShipping;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * mp4j installed in a host kernel that runs JShell in its own JVM (JJava, IJava): the same magics,
 * renderers, class shipping, top-level variable snapshot and imports as mp4j's own kernel, through
 * the host's {@link NotebookHost} adapter.
 *
 * <pre>{@code
 * NotebookSide side = NotebookSide.install(host);   // from the host's extension hook or a cell
 * ...
 * side.uninstall();                                 // when the host shuts down
 * }</pre>
 *
 * <p>What {@link #install} does, in this order:
 * <ol>
 *   <li>Imports: {@link StartupImports#classImports}, evaluated in the host's session.</li>
 *   <li>Class shipping: the host's snippet classes (package {@code REPL}) become a
 *       {@link ClassBytesSource}, messages resolve classes through the host's cell loader, and
 *       {@link TopLevelVariables} snapshots top-level variables for each started process.</li>
 *   <li>Renderers: {@link HtmlView#tables()} and the live pool view ({@link PoolViews}); the
 *       progress bars of maps ({@link ProgressViews}).</li>
 *   <li>Magics: {@link Mp4jMagics}, each added only where the host has no magic of that name (so
 *       a host's own {@code %time}, {@code %load}, {@code %classpath} or {@code %maven} stay).
 *       A line magic's arguments arrive split by the host; they are joined with single spaces,
 *       and a {@code ;} that ends the line ({@code Pool pool = %pool 2;}) is dropped.</li>
 * </ol>
 *
 * <p>Live pool tables. A host without hooks for the start and end of a cell is watched instead:
 * every {@value #WATCH_MILLIS} ms a daemon thread asks {@link NotebookHost#cellRunning()}, and
 * tells the {@link PoolViews} when a cell has started or has ended ({@link PoolViews#cellLeft}:
 * the final state of a pool that changed in a cell's last moments is shown when the next cell
 * that the watcher sees running starts, since nothing sent after a cell's end reaches the
 * frontend; a cell shorter than one tick may pass unseen).
 *
 * <p>One installation per JVM: a second {@link #install} returns the first. Its fields are set
 * once; {@code cellWasRunning} belongs to the watcher thread.
 */
public final class NotebookSide {

    /** How often the watcher asks the host whether a cell runs. */
    static final long WATCH_MILLIS = 10;
    /** JShell compiles every snippet into this package. */
    private static final String SNIPPET_PACKAGE = "REPL.";

    private static NotebookSide installed;

    private final NotebookHost host;
    private final ClassBytesSource cells;
    private final PoolViews pools;
    private final ProgressViews progress;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-cell-watch");
        t.setDaemon(true);
        return t;
    });
    /** When the watcher last saw a cell run ({@link System#nanoTime()}); watcher thread only. */
    private long cellSeenAt;
    private boolean cellWasRunning;

    private NotebookSide(NotebookHost host) {
        this.host = host;
        this.cells = name -> name.startsWith(SNIPPET_PACKAGE) ? host.cellClassBytes(name) : null;
        this.pools = new PoolViews(host::update);
        this.progress = new ProgressViews(host::show, host::update);
    }

    /**
     * Installs mp4j into {@code host} (see the class comment), or returns the installation this JVM
     * already has.
     *
     * @throws IllegalStateException if an import does not compile in the host's session
     */
    public static synchronized NotebookSide install(NotebookHost host) {
        if (installed != null) {
            return installed;
        }
        NotebookSide side = new NotebookSide(host);
        ClassLoader loader = host.cellLoader();
        // first, so that a session that cannot take them is left as it was
        for (String snippet : StartupImports.classImports(loader)) {
            try {
                host.run(snippet);
            } catch (Exception e) {
                throw new IllegalStateException("mp4j's import failed in the notebook: " + snippet + ": " + e, e);
            }
        }
        ClassShipping.register(side.cells);
        ClassShipping.setLoader(loader);
        ClassShipping.setStaticStateSource(new TopLevelVariables(side.cells, loader));
        HtmlView.tables().forEach(host::register);
        host.register(HtmlView.livePool(side.pools));
        side.addMagics();
        side.watcher.scheduleWithFixedDelay(side::watch, 0, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        installed = side;
        return side;
    }

    /** The installation in this JVM, or null. */
    public static synchronized NotebookSide installed() {
        return installed;
    }

    /**
     * Ends what mp4j runs for the notebook — every live pool (terminated), manager, cluster and
     * child JVM — and takes mp4j out of class shipping. Magics and renderers stay with the host,
     * which is shutting down.
     */
    public void uninstall() {
        synchronized (NotebookSide.class) {
            if (installed == this) {
                installed = null;
            }
        }
        watcher.shutdownNow();
        pools.close();
        progress.close();
        List<Runnable> ends = new ArrayList<>();
        Pool.active().forEach(pool -> ends.add(pool::terminate));
        Manager.active().forEach(manager -> ends.add(manager::shutdown));
        ends.add(() -> Cluster.active().forEach(Cluster::close));
        ends.add(() -> Process.activeChildren().forEach(Process::terminate));
        for (Runnable end : ends) {
            try {
                end.run();
            } catch (RuntimeException | LinkageError e) { // Cluster without Ignite: no cluster to end
                System.err.println("mp4j: while shutting down: " + e);
            }
        }
        ClassShipping.unregister(cells);
        ClassShipping.setLoader(null);
        ClassShipping.setStaticStateSource(null);
    }

    private void addMagics() {
        MagicRegistry magics = new MagicRegistry();
        Mp4jMagics.register(magics, this::run, host::show);
        for (String name : magics.names(false, "")) {
            if (!name.equals("lsmagic") && !host.hasMagic(false, name)) {
                LineMagic magic = magics.line(name);
                host.addLineMagic(name, args -> shown(magic.run(lineArguments(args))));
            }
        }
        for (String name : magics.names(true, "")) {
            if (!host.hasMagic(true, name)) {
                CellMagic magic = magics.cell(name);
                host.addCellMagic(name, (args, body) -> shown(magic.run(args, body)));
            }
        }
    }

    /**
     * A magic's value, shown now where the host would not show it (unless it is a pool the cell has
     * shown already, as {@code %pool N} does).
     */
    private Object shown(Object value) {
        if (value != null && !host.showsMagicValues() && !pools.shownInCell(value)) {
            host.show(value);
        }
        return value;
    }

    /** Runs cell text in the host; its compilation errors become {@link CompilationException}s. */
    private Object run(String code) throws Exception {
        try {
            return host.run(code);
        } catch (Exception e) {
            throw host.isCompilationFailure(e) ? CompilationException.of(e, code) : e;
        }
    }

    /** A line magic's argument text: without a {@code ;} that ends the line. */
    static String lineArguments(String args) {
        return args.strip().replaceFirst("\\s*;$", "");
    }

    /** One tick of the watcher: tells the pool views when a cell has started or ended. */
    private void watch() {
        long now = System.nanoTime();
        boolean running = host.cellRunning();
        if (running && !cellWasRunning) {
            pools.cellStarted();
            progress.cellStarted();
        } else if (!running && cellWasRunning) {
            pools.cellLeft(cellSeenAt);
            progress.cellLeft(cellSeenAt);
        }
        if (running) {
            cellSeenAt = now;
        }
        cellWasRunning = running;
    }
}
