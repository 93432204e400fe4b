package io.github.mp4j.notebook.ijava;

import io.github.mp4j.notebook.UnsupportedHostException;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * IJava's kernel, reached by reflection: the one place mp4j names IJava's own classes.
 *
 * <p>Why reflection: IJava is not published as a library, so mp4j compiles against what IJava is
 * built on (basekernel 2.3.0, the same as mp4j's own kernel) and finds the three IJava methods it
 * needs by name, all public: {@code IJava.getKernelInstance()}, and on the kernel
 * {@code evalRaw(String)} (runs cell text, magics included, and returns its value) and
 * {@code getMagics()} (basekernel's magic registry). Anything missing fails at once with an
 * {@link UnsupportedHostException} that names it.
 */
final class IJavaKernel {

    private static final String IJAVA = "io.github.spencerpark.ijava.IJava";

    private final BaseKernel kernel;
    private final Method evalRaw;
    private final Magics magics;

    private IJavaKernel(BaseKernel kernel, Method evalRaw, Magics magics) {
        this.kernel = kernel;
        this.evalRaw = evalRaw;
        this.magics = magics;
    }

    /**
     * The IJava kernel running in this JVM.
     *
     * @throws UnsupportedHostException if no IJava kernel runs here, or it lacks a method mp4j uses
     */
    static IJavaKernel running() {
        Object kernel;
        try {
            kernel = Class.forName(IJAVA, true, IJavaKernel.class.getClassLoader())
                    .getMethod("getKernelInstance").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new UnsupportedHostException("no IJava kernel runs in this JVM (" + IJAVA + " is missing): "
                    + "Mp4j.install() is for IJava; JJava loads mp4j by itself from %classpath, "
                    + "and mp4j's own kernel has it built in", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedHostException("this IJava has no IJava.getKernelInstance(): " + e, e);
        }
        if (!(kernel instanceof BaseKernel base)) {
            throw new UnsupportedHostException("IJava.getKernelInstance() returned " + kernel
                    + ", not a running basekernel kernel", null);
        }
        try {
            Method evalRaw = base.getClass().getMethod("evalRaw", String.class);
            Magics magics = (Magics) base.getClass().getMethod("getMagics").invoke(base);
            return new IJavaKernel(base, evalRaw, magics);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new UnsupportedHostException("this IJava's kernel (" + base.getClass().getName()
                    + ") lacks evalRaw(String) or getMagics(), which mp4j uses: " + e, e);
        }
    }

    BaseKernel kernel() {
        return kernel;
    }

    Magics magics() {
        return magics;
    }

    /** Runs cell text as IJava runs a cell, magics included; returns the last value or null. */
    Object evalRaw(String code) throws Exception {
        try {
            return evalRaw.invoke(kernel, code);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) {
                throw x;
            }
            if (cause instanceof Error x) {
                throw x;
            }
            throw e;
        }
    }
}
