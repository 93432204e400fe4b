package io.github.mp4j.conformance;

/** CPython's {@code MiscTestCase}. */
@NotApplicable(method = "test__all__", reason = "checks the module's __all__; Java's compiler checks exports")
@NotApplicable(method = "test_spawn_sys_executable_none_allows_import", reason = "sys.executable is None in "
        + "embedded Pythons; a JVM always knows its java.home")
@NotApplicable(method = "test_large_pool", reason = "a pool of more than 61 workers, which Windows' "
        + "WaitForMultipleObjects limited; needs Windows")
final class MiscTestCase {
}
