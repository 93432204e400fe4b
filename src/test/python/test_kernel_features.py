"""What the mp4j kernel adds beyond the standard protocol tests, driven by a real jupyter_client.

Run by KernelProtocolIT with Debian's /usr/bin/python3; the kernelspec is named by
MP4J_TEST_KERNEL and found through JUPYTER_PATH. Every wait is bounded.
"""
import os
import shutil
import subprocess
import tempfile
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("MP4J_TEST_KERNEL", "mp4j")
TIMEOUT = 30


class Mp4jKernelFeatures(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
        cls.tmp = tempfile.mkdtemp(prefix="mp4j-kernel-test-")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cell(self, code, timeout=TIMEOUT, during=None, allow_stdin=False):
        """Executes code; returns (reply content, [(msg_type, content, arrival time)])."""
        msg_id = self.kc.execute(code, allow_stdin=allow_stdin)
        if during:
            during()
        outputs = []
        deadline = time.monotonic() + timeout
        reply = None
        idle = False
        while not (reply and idle):
            left = deadline - time.monotonic()
            self.assertGreater(left, 0, "no reply within %ss to %r" % (timeout, code))
            if reply is None:
                try:
                    msg = self.kc.get_shell_msg(timeout=0.05)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        reply = msg["content"]
                except Empty:
                    pass
            try:
                msg = self.kc.get_iopub_msg(timeout=0.05)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind not in ("status", "execute_input"):
                outputs.append((kind, msg["content"], time.monotonic()))
        return reply, outputs

    def text(self, outputs, stream="stdout"):
        return "".join(c["text"] for k, c, _ in outputs if k == "stream" and c["name"] == stream)

    def result(self, outputs):
        found = [c["data"]["text/plain"] for k, c, _ in outputs if k == "execute_result"]
        return found[0] if found else None

    def test_last_expression_is_shown(self):
        reply, out = self.run_cell("var xs = new ArrayList<String>();\nxs.add(\"a\");\nxs")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.result(out), "[a]")

    def test_output_streams_while_the_cell_runs(self):
        reply, out = self.run_cell('System.out.println("early"); Thread.sleep(1500); System.out.println("late");')
        self.assertEqual(reply["status"], "ok")
        early = [t for k, c, t in out if k == "stream" and "early" in c["text"]]
        late = [t for k, c, t in out if k == "stream" and "late" in c["text"]]
        self.assertTrue(early and late, out)
        self.assertGreater(late[0] - early[0], 1.0)

    def test_non_ascii_output_survives_chunking(self):
        reply, out = self.run_cell(
            'for (int i = 0; i < 3; i++) { for (char c : "héllo ✓ 日本 😀\\n".toCharArray()) { System.out.print(c); Thread.sleep(5); } }')
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.text(out), "héllo ✓ 日本 😀\n" * 3)

    def test_background_thread_output_lands_in_the_running_cell(self):
        reply, out = self.run_cell(
            'Thread t = new Thread(() -> { for (int i = 0; i < 3; i++) { System.out.println("bg " + i); } });\n'
            't.start(); t.join(); Thread.sleep(200);')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(self.text(out), "bg 0\nbg 1\nbg 2\n")

    def test_output_sent_while_idle_arrives_with_the_next_cell(self):
        reply, out = self.run_cell(
            'new Thread(() -> { try { Thread.sleep(700); } catch (InterruptedException e) { }\n'
            '  System.out.println("late bg"); display("late display"); }).start();')
        self.assertEqual(reply["status"], "ok")
        self.assertNotIn("late bg", self.text(out))
        time.sleep(1.5)
        reply, out = self.run_cell("3 + 4")
        self.assertEqual(self.text(out), "late bg\n")
        shown = [c["data"]["text/plain"] for k, c, _ in out if k == "display_data"]
        self.assertEqual(shown, ["late display"])
        self.assertEqual(self.result(out), "7")

    def test_system_in_asks_the_frontend_for_a_line(self):
        def answer():
            for expected in ("first", "second"):
                msg = self.kc.get_stdin_msg(timeout=TIMEOUT)
                self.assertEqual(msg["msg_type"], "input_request")
                self.kc.input(expected)

        reply, out = self.run_cell(
            "var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));\n"
            "in.readLine() + \"+\" + in.readLine()", during=answer, allow_stdin=True)
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.result(out), "first+second")
        reply, out = self.run_cell("System.in.read()")
        self.assertEqual(self.result(out), "-1", "without allow_stdin System.in is at end of file")

    def test_interrupt_ends_a_wait_for_input(self):
        def interrupt():
            self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
            self.km.interrupt_kernel()

        reply, out = self.run_cell("System.in.read()", during=interrupt, allow_stdin=True)
        self.assertEqual(reply["status"], "error")
        self.assertEqual([c["ename"] for k, c, _ in out if k == "error"], ["CellInterrupted"])
        self.kc.input("stale answer to the interrupted request")

        def answer():
            self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
            self.kc.input("fresh")

        time.sleep(0.3)
        reply, out = self.run_cell("new java.util.Scanner(System.in).nextLine()", during=answer, allow_stdin=True)
        self.assertEqual(self.result(out), "fresh")

    def test_interrupt_stops_a_busy_loop_within_one_second(self):
        started = {}

        def interrupt():
            time.sleep(1.0)
            started["at"] = time.monotonic()
            self.km.interrupt_kernel()

        reply, out = self.run_cell("long n = 0; while (true) { n++; }", during=interrupt)
        errors = [c for k, c, _ in out if k == "error"]
        self.assertEqual(reply["status"], "error")
        self.assertEqual(errors[0]["ename"], "CellInterrupted")
        stopped = [t for k, c, t in out if k == "error"][0]
        self.assertLess(stopped - started["at"], 1.0)
        reply, out = self.run_cell("1 + 1")
        self.assertEqual(self.result(out), "2")

    def test_interrupt_during_a_map_cancels_its_tasks_and_the_pool_goes_on(self):
        reply, out = self.run_cell(
            "var stopPool = new Pool(2);\n"
            # both workers up before the map, so that each takes a sleeping task (a map of quick tasks
            # to learn the pids let one worker take both while the other still booted: seen on 25)
            "long upBy = System.nanoTime() + 50_000_000_000L;\n"
            "while (stopPool.state().count(PoolState.WorkerState.IDLE) < 2 && System.nanoTime() < upBy) Thread.sleep(20);\n"
            "var stopPids = new java.util.TreeSet<Long>();\n"
            "stopPool.state().workers().forEach(w -> stopPids.add(w.pid()));\n"
            "stopPids.size()", timeout=60)
        self.assertEqual(self.result(out), "2", out)
        started = {}

        def interrupt():
            time.sleep(2.0)  # both workers are in their first sleep by then
            started["at"] = time.monotonic()
            self.km.interrupt_kernel()

        reply, out = self.run_cell(
            "stopPool.map(x -> { Thread.sleep(120_000); return x; }, List.of(1, 2, 3, 4, 5, 6, 7, 8), 1)",
            during=interrupt)
        self.assertEqual(reply["status"], "error", out)
        self.assertEqual([c["ename"] for k, c, _ in out if k == "error"], ["CellInterrupted"])
        stopped = [t for k, c, t in out if k == "error"][0]
        self.assertLess(stopped - started["at"], 1.0, "the cell ended within a second of the stop button")
        # the sleeping tasks were interrupted in their workers: idle again at once, not replaced
        reply, out = self.run_cell(
            "long until = System.nanoTime() + 5_000_000_000L;\n"
            "while (stopPool.state().count(PoolState.WorkerState.BUSY) > 0 && System.nanoTime() < until) Thread.sleep(20);\n"
            "var stopState = stopPool.state();\n"
            "stopState.count(PoolState.WorkerState.BUSY) + \" busy, \" + stopState.queued() + \" queued, \" + stopState.failed() + \" failed\"")
        self.assertEqual(self.result(out), "0 busy, 0 queued, 8 failed", out)
        reply, out = self.run_cell("stopPool.map(x -> x * 2, List.of(1, 2, 3))")
        self.assertEqual(self.result(out), "[2, 4, 6]", out)
        reply, out = self.run_cell(
            "var livePids = new java.util.TreeSet<Long>();\n"
            "stopPool.state().workers().stream().filter(w -> w.state() != PoolState.WorkerState.EXITED)"
            ".forEach(w -> livePids.add(w.pid()));\n"
            "stopPool.terminate();\n"
            "livePids.equals(stopPids)")
        self.assertEqual(self.result(out), "true", "the workers were idle, not replaced: %s" % out)

    def test_compile_error_shows_line_column_and_marked_code(self):
        reply, out = self.run_cell("int a = 1;\nint b = a + nope;")
        self.assertEqual(reply["status"], "error")
        error = [c for k, c, _ in out if k == "error"][0]
        self.assertIn("line 2, column 13", error["evalue"])
        self.assertIn("    int b = a + nope;", error["traceback"])
        self.assertIn("                ^^^^", error["traceback"])

    def test_runtime_error_trace_is_trimmed(self):
        reply, out = self.run_cell('void fail() { throw new IllegalStateException("deep"); }\nfail();')
        error = [c for k, c, _ in out if k == "error"][0]
        self.assertEqual(error["ename"], "java.lang.IllegalStateException")
        trace = "\n".join(error["traceback"])
        self.assertIn("fail", trace)
        for kernel_frame in ("jdk.jshell", "io.github.mp4j.kernel", "reflect"):
            self.assertNotIn(kernel_frame, trace)

    def test_display_and_update_display(self):
        reply, out = self.run_cell('String id = display("v1");\nupdateDisplay(id, "v2");')
        self.assertEqual(reply["status"], "ok")
        shown = [c for k, c, _ in out if k == "display_data"][0]
        updated = [c for k, c, _ in out if k == "update_display_data"][0]
        self.assertEqual(shown["data"]["text/plain"], "v1")
        self.assertEqual(updated["data"]["text/plain"], "v2")
        self.assertEqual(shown["transient"]["display_id"], updated["transient"]["display_id"])

    def test_lsmagic_and_inline_magic(self):
        reply, out = self.run_cell("%lsmagic")
        for magic in ("%classpath", "%jars", "%maven", "%load", "%lsmagic"):
            self.assertIn(magic, self.result(out))
        reply, out = self.run_cell("var listing = %lsmagic\nlisting.toString().contains(\"%maven\")")
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.result(out), "true")

    def test_load_runs_a_file(self):
        path = os.path.join(self.tmp, "setup.jsh")
        with open(path, "w") as f:
            f.write("int loaded = 41;\nloaded + 1\n")
        reply, out = self.run_cell("%load " + path)
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.result(out), "42")

    def test_classpath_adds_a_jar(self):
        src = os.path.join(self.tmp, "greet")
        os.makedirs(src, exist_ok=True)
        with open(os.path.join(src, "Greeter.java"), "w") as f:
            f.write('package greet; public class Greeter { public static String hi() { return "hi from jar"; } }')
        subprocess.run(["javac", "--release", "17", "-d", self.tmp, os.path.join(src, "Greeter.java")],
                       check=True, timeout=60)
        jar = os.path.join(self.tmp, "greet.jar")
        subprocess.run(["jar", "cf", jar, "-C", self.tmp, "greet/Greeter.class"], check=True, timeout=60)
        reply, out = self.run_cell("%classpath " + jar + "\ngreet.Greeter.hi()")
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.result(out), "hi from jar")

    def test_maven_resolves_transitive_dependencies(self):
        reply, out = self.run_cell(
            "%maven org.apache.commons:commons-text:1.12.0\n"
            "org.apache.commons.text.WordUtils.capitalize(\"two words\") + \" \"\n"
            "  + org.apache.commons.lang3.StringUtils.reverse(\"abc\")", timeout=120)
        self.assertEqual(reply["status"], "ok", out)
        self.assertEqual(self.result(out), "Two Words cba")

    def test_mp4j_environment_variables(self):
        if "MP4J_STARTUP_SCRIPT" not in os.environ:
            self.skipTest("run by KernelProtocolIT, which sets the MP4J_* variables")
        reply, out = self.run_cell("fromStartup")
        self.assertEqual(self.result(out), "7")
        reply, out = self.run_cell('System.getProperty("mp4j.worker.jvmOptions") + "|" + System.getProperty("mp4j.worker.java")')
        self.assertEqual(self.result(out),
                         os.environ["MP4J_WORKER_JVM_OPTIONS"] + "|" + os.environ["MP4J_WORKER_JAVA"])

    def test_zz_shutdown_ends_the_kernel_jvm_even_during_a_busy_cell(self):
        self.kc.execute("long spin = 0; while (true) { spin++; }")
        time.sleep(0.5)
        self.kc.shutdown()
        deadline = time.monotonic() + 15
        while self.km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(self.km.is_alive(), "kernel JVM still running 15 s after shutdown_request")


if __name__ == "__main__":
    unittest.main(verbosity=2)
