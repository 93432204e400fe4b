package io.github.mp4j.conformance;

/** CPython's {@code _TestImportStar}. */
@NotApplicable(reason = "checks that every submodule imports and exports its __all__; Java's compiler checks "
        + "what a package exports")
final class TestImportStar {
}
