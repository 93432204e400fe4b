/**
 * The JJava adapter (internal): {@link io.github.mp4j.notebook.jjava.Mp4jExtension}, which JJava
 * loads through {@code META-INF/services/org.dflib.jjava.jupyter.Extension}, over JJava's published
 * {@code jjava-jupyter} API; the cell classes' bytes come from JJava's internals, reached by
 * reflection in {@code JJavaCellClasses} alone.
 */
package io.github.mp4j.notebook.jjava;
