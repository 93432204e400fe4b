package io.github.mp4j.conformance;

/** CPython's {@code TestNoForkBomb}. */
@NotApplicable(reason = "a script without an if __name__ == '__main__' guard, re-run by each spawned child; "
        + "a child JVM runs ChildMain, never the program's main method")
final class TestNoForkBomb {
}
