package io.github.mp4j.spawn;

import java.util.List;

/** Placeholder replaced below. */
final class ClassDataArchive {
    private ClassDataArchive() {}

    static List<String> options() {
        return List.of();
    }
}
