package io.github.mp4j.shipping;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Loads the classes JShell compiles, in this JVM, and keeps their bytes so that children can fetch
 * them: the bridge that lets a record or lambda written in a JShell snippet run in a child JVM.
 *
 * <pre>{@code
 * JShellClasses classes = new JShellClasses(ClassLoader.getSystemClassLoader());
 * ClassShipping.register(classes);          // children may fetch REPL classes
 * ClassShipping.setLoader(classes.loader()); // results from children resolve REPL classes
 * JShell shell = JShell.builder().executionEngine(classes.provider(), Map.of()).build();
 * }</pre>
 *
 * Class loading is parent-first, so a class on the JVM's own class path (mp4j itself) is never
 * loaded a second time by the snippet loader.
 */
public final class JShellClasses implements LoaderDelegate, ClassBytesSource {

    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();
    private final SnippetLoader loader;

    public JShellClasses(ClassLoader parent) {
        this.loader = new SnippetLoader(parent);
    }

    /** The loader that defines snippet classes. */
    public ClassLoader loader() {
        return loader;
    }

    /** An execution engine that runs snippets in this JVM, with classes loaded here. */
    public ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "mp4j-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new DirectExecutionControl(JShellClasses.this);
            }
        };
    }

    @Override
    public byte[] find(String binaryName) {
        return bytecodes.get(binaryName);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ExecutionControl.ClassInstallException {
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        try {
            for (int i = 0; i < classes.length; i++) {
                Class.forName(classes[i].name(), false, loader);
                installed[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExecutionControl.ClassInstallException("cannot load snippet class: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        // Only called after a redefinition, which DirectExecutionControl refuses; JShell then
        // compiles the snippet under a new class name and loads it through load().
        for (ClassBytecodes c : classes) {
            bytecodes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws ExecutionControl.InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                loader.addURL(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new ExecutionControl.InternalException("bad class path entry " + entry + ": " + e);
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    /**
     * Defines snippet classes from the recorded bytes, and serves those bytes as {@code .class}
     * resources; everything else goes to the URLs or the parent.
     */
    private final class SnippetLoader extends URLClassLoader {
        SnippetLoader(ClassLoader parent) {
            super("mp4j-jshell", new URL[0], parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytecodes.get(name);
            return b != null ? defineClass(name, b, 0, b.length) : super.findClass(name);
        }

        /** A snippet class's file, from its recorded bytes: what Ignite's peer class loading reads. */
        @Override
        public URL findResource(String name) {
            String className = ClassFileUrls.className(name);
            byte[] b = className == null ? null : bytecodes.get(className);
            return b != null ? ClassFileUrls.of("mp4j-jshell", name, b) : super.findResource(name);
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }
    }
}
