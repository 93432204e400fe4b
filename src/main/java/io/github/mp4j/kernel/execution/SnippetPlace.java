package io.github.mp4j.kernel.execution;

/** Where a snippet's first line sits: in cell {@code cell} (as traces name it), at 1-based {@code firstLine}. */
record SnippetPlace(String cell, int firstLine) {}
