"""Jupyter's standard kernel conformance tests (jupyter_kernel_test) against the mp4j kernel.

Run by KernelProtocolIT with Debian's /usr/bin/python3; the kernelspec to test is named by the
MP4J_TEST_KERNEL environment variable and found through JUPYTER_PATH.
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message


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

    def execute_helper(self, code, timeout=jupyter_kernel_test.TIMEOUT, silent=False, store_history=True,
                       stop_on_error=True):
        """The harness's own execute_helper, checking the same messages in the same order, but
        waiting up to 2 s (not 0.1 s) for each iopub message after the reply: on a loaded 2-CPU CI
        machine a scheduling stall between the reply and the idle status made the standard wait
        fail once (test_clear_output) although every message arrived."""
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history,
                                 stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        busy_msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=2)
        validate_message(busy_msg, "status", msg_id)
        self.assertEqual(busy_msg["content"]["execution_state"], "busy")
        output_msgs = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=2)
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            if msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            output_msgs.append(msg)
        return reply, output_msgs


if __name__ == "__main__":
    unittest.main(verbosity=2)
