package io.github.mp4j.spawn;

import io.github.mp4j.platform.Transport;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM: the same Java and class path as this JVM (plus mp4j's own
 * location if the class path lacks it), flags chosen for a short start, and the user's options.
 *
 * <p>System properties: {@code mp4j.worker.java} (the java executable), {@code mp4j.worker.jvmOptions}
 * (extra options, separated by spaces), {@code mp4j.worker.classpath} (appended to the class path),
 * {@code mp4j.worker.inheritClasspath} ({@code false}: children get mp4j's own jar and
 * {@code mp4j.worker.classpath} only, and fetch every other class they load from this JVM, as
 * they do a JShell cell's; the kernel sets it, see {@code KernelEnvironment}). A child inherits
 * {@link ChildOptions#inheritedProperties()} unless {@code mp4j.worker.jvmOptions} sets them.
 */
final class JvmCommand {

    private JvmCommand() {}

    /**
     * @param crowded whether other children are booting meanwhile (see
     *        {@link ClassDataArchive#options(List, String, boolean)})
     * @param extra this child's own options (a pool's {@code jvmOptions}), after
     *        {@code mp4j.worker.jvmOptions} so that they win where both set the same option
     */
    static List<String> forChild(boolean crowded, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("mp4j.worker.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Children are short-lived or single-threaded workers: the serial collector has the cheapest
        // barriers for a worker's loops (on Java 17 a bare JVM boots ~10% cheaper with G1, the only
        // collector there that maps the archive's heap objects, but a pool worker's maps took twice
        // as long), and the perf-data file is not worth its mmap. A small first heap keeps the young
        // generation small (a third of it), so the same pages serve allocation after every minor
        // collection: the default first heap (1/64 of memory) gives an eden of over 100 MB here, all
        // fresh pages, and touching a fresh page costs a fault (~15 µs measured on this kind of
        // virtual machine: a worker's map chunk spent most of its time in them). The heap still
        // grows, the young generation with it, when live data needs room. No -Xshare option: its
        // default (auto) is what children need, and Java 25 refuses any beside an AOT cache.
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms32m"));
        command.addAll(ChildOptions.all());
        String options = System.getProperty("mp4j.worker.jvmOptions", "").trim();
        if (!options.isEmpty()) {
            command.addAll(Arrays.asList(options.split("\\s+")));
        }
        command.addAll(extra);
        String chosen = options + " " + String.join(" ", extra);
        String classPath = classPath();
        command.addAll(ClassDataArchive.options(List.copyOf(command), classPath, crowded));
        // After the archive's options: they name the archive, which these do not change.
        for (String inherited : ChildOptions.inheritedProperties()) {
            if (!chosen.contains(inherited.substring(0, inherited.indexOf('=') + 1))) {
                command.add(inherited); // unless the options set their own
            }
        }
        command.add(Transport.childOption()); // last: the child must use this JVM's transport
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        return command;
    }

    /** The class path children get; stable within one JVM, so the class-data archive stays valid. */
    static String classPath() {
        List<String> entries = new ArrayList<>();
        if (!"false".equals(System.getProperty("mp4j.worker.inheritClasspath"))) {
            entries.addAll(Arrays.asList(System.getProperty("java.class.path", "").split(File.pathSeparator)));
            entries.removeIf(String::isEmpty);
        }
        String own = ownLocation();
        if (own != null && !entries.contains(own)) {
            entries.add(own);
        }
        String extra = System.getProperty("mp4j.worker.classpath", "");
        for (String e : extra.split(File.pathSeparator)) {
            if (!e.isEmpty() && !entries.contains(e)) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String ownLocation() {
        try {
            var source = JvmCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
