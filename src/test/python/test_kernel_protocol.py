"""Jupyter's standard kernel conformance tests (jupyter_kernel_test) against the mp4j kernel.

Run by KernelProtocolIT with Debian's /usr/bin/python3; the kernelspec to test is named by the
MP4J_TEST_KERNEL environment variable and found through JUPYTER_PATH.
"""
import os
import unittest

import jupyter_kernel_test


class Mp4jKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("MP4J_TEST_KERNEL", "mp4j")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.floorMo", "matches": {"floorMod("}},
        {"text": "int q = 1; String.valueO", "matches": {"valueOf("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "void f() {}", "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void g() {", "int y = 1 +"]
    invalid_code_samples = ["int x = 3; #"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"mp4j".toUpperCase()', "result": "MP4J"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
    ]

    code_inspect_sample = "Math.abs"

    code_clear_output = "clearOutput(false);"


if __name__ == "__main__":
    unittest.main(verbosity=2)
