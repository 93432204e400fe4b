/**
 * The operating system mp4j runs on, and the transport it uses there: {@link
 * io.github.mp4j.platform.Transport} is the one home of the choice between Linux's fast path and the
 * portable one (macOS, Windows, or forced with {@code -Dmp4j.transport=portable}), and {@link
 * io.github.mp4j.platform.LinuxPaths} the one place that names {@code /proc}, {@code /dev/shm} and
 * {@code mkfifo}, refusing them in portable mode. The lowest layer: every other package may use it,
 * it uses none of them. Nothing here is public API.
 */
package io.github.mp4j.platform;
