/**
 * The IJava 1.3.0 adapter (internal), entered through {@link io.github.mp4j.notebook.Mp4j#install()}:
 * basekernel 2.3.0's API, which IJava is built on, and IJava's own kernel through three public
 * methods found by name in {@code IJavaKernel}.
 */
package io.github.mp4j.notebook.ijava;
