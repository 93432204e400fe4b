"""mp4j loaded into a third-party Java kernel (JJava, IJava), driven by a real jupyter_client:
a plain Java cell runs; then, after the kernel's loading cell, records and methods from cells run
in a Pool, a Process prints into the cell, `Pool pool = %pool 2` shows the pool's table, `%%compare`
shows its table, a callback runs in the kernel's JVM, and no worker outlives the kernel.

Run by JJavaKernelIT and IJavaKernelIT (ThirdPartyKernels.runSuite) with Debian's
/usr/bin/python3: the kernelspec is named by MP4J_TEST_KERNEL and found through JUPYTER_PATH;
MP4J_LOAD_CELL is the cell that loads mp4j into that kernel (empty for mp4j's own kernel, which has
it built in); MP4J_TEST_JAVA_HOME, when set, is the JDK the kernel must run on. Every wait is bounded.
"""
import os
import re
import unittest

from jupyter_client.manager import start_new_kernel

from test_kernel_workers import SLEEPER, outputs_of, run_cell, running, wait_until_ended

KERNEL = os.environ.get("MP4J_TEST_KERNEL", "mp4j")
LOAD_CELL = os.environ.get("MP4J_LOAD_CELL", "")
STARTUP_SECONDS = 120
# a cell that starts worker JVMs; a loaded 2-CPU machine can take several seconds per JVM
WORKER_CELL_SECONDS = 120
# a record and a method from earlier cells, in the workers of a Pool(2)
POOL_MAP_CELL = (
    "try (Pool points = new Pool(2)) {\n"
    "    System.out.println(points.map(p -> manhattan(p), List.of(new Point(1, 2), new Point(-3, 4), new Point(0, -5))));\n"
    "    long kernelPid = ProcessHandle.current().pid();\n"
    "    System.out.println(\"in workers: \" + points.map(p -> ProcessHandle.current().pid() != kernelPid, List.of(new Point(0, 0))));\n"
    "}")
GREETER_CELL = (
    "var greeter = new Process(\"greeter\", () -> System.out.println(\"hello from \" + Process.current().name()));\n"
    "greeter.start();\n"
    "greeter.join(java.time.Duration.ofSeconds(60));\n"
    "System.out.println(\"exit \" + greeter.exitCode());")


def start_kernel():
    return start_new_kernel(kernel_name=KERNEL, startup_timeout=STARTUP_SECONDS)


def stop_kernel(km, kc):
    """Ends the kernel as a notebook server does: a shutdown_request, then SIGTERM, then SIGKILL."""
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=False)


def in_process_tree(pid, root):
    """Whether pid is root or one of its descendants (JJava's launcher runs the kernel JVM as its child)."""
    while pid > 1:
        if pid == root:
            return True
        try:
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError):
            return False
    return False


class PlainJavaCell(unittest.TestCase):
    """The harness: the kernel starts from its kernelspec and runs Java."""

    def test_a_java_cell_prints_into_its_output(self):
        km, kc = start_kernel()
        try:
            reply, out, errors = run_cell(kc, "System.out.println(1 + 1);\nSystem.out.println(System.getProperty(\"java.home\"));", timeout=60)
            self.assertEqual(reply["status"], "ok", errors)
            two, java_home = out.splitlines()
            self.assertEqual(two, "2")
            # the kernel runs on the JDK its kernelspec names
            self.assertEqual(os.path.realpath(java_home), os.path.realpath(os.environ.get("MP4J_TEST_JAVA_HOME", java_home)))
        finally:
            stop_kernel(km, kc)


class Mp4jInTheKernel(unittest.TestCase):
    """One kernel for the class, with mp4j loaded by MP4J_LOAD_CELL."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_kernel()
        if LOAD_CELL:
            reply, published = outputs_of(cls.kc, LOAD_CELL, timeout=WORKER_CELL_SECONDS)
            if reply["status"] != "ok":
                stop_kernel(cls.km, cls.kc)
                raise AssertionError("the loading cell failed: %r\n%r" % (LOAD_CELL, published))

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)

    def run_ok(self, code, timeout=WORKER_CELL_SECONDS):
        reply, published = outputs_of(self.kc, code, timeout)
        self.assertEqual(reply["status"], "ok", (code, published))
        return published

    def printed(self, code):
        """Runs code, which must succeed; returns what it printed to System.out."""
        return "".join(c["text"] for k, c in self.run_ok(code) if k == "stream" and c["name"] == "stdout")

    def test_cell_record_and_method_run_in_pool_map(self):
        self.run_ok("record Point(int x, int y) implements java.io.Serializable {}")
        self.run_ok("int manhattan(Point p) { return Math.abs(p.x()) + Math.abs(p.y()); }")
        self.assertEqual(self.printed(POOL_MAP_CELL), "[3, 7, 5]\nin workers: [true]\n")

    def test_a_process_prints_into_the_running_cell(self):
        # the worker's line was copied into this cell's stream before join returned
        self.assertEqual(self.printed(GREETER_CELL), "hello from greeter\nexit 0\n")

    def test_pool_magic_shows_the_pool_table(self):
        shown = self.run_ok("Pool pool = %pool 2")
        tables = [c["data"] for k, c in shown if k in ("display_data", "execute_result") and "text/html" in c["data"]]
        self.assertEqual(len(tables), 1, shown)
        # the workers are up when %pool returns: two idle rows with their pids
        self.assertEqual(tables[0]["text/html"].count("<td>idle</td>"), 2, tables[0]["text/html"])
        self.assertRegex(tables[0]["text/plain"], r"\(2 process workers, running\)")
        self.assertEqual(self.printed("System.out.println(pool.map(x -> x * 10, List.of(1, 2, 3)));\npool.close();"),
                         "[10, 20, 30]\n")

    def test_compare_shows_its_table(self):
        shown = self.run_ok("%%compare -n 2\n"
                            "String digits = \"12345\";\n"
                            "//: parse\n"
                            "Integer.parseInt(digits);\n"
                            "//: length\n"
                            "digits.length();")
        html = [c["data"]["text/html"] for k, c in shown
                if k in ("display_data", "execute_result") and "text/html" in c["data"]]
        self.assertEqual(len(html), 1, shown)
        self.assertIn("<th>section</th><th>runs</th><th>min</th><th>median</th><th>max</th><th>ratio</th>", html[0])
        self.assertIn("<td>parse</td><td>2</td>", html[0])
        self.assertIn("<td>length</td><td>2</td>", html[0])
        self.assertIn("<svg", html[0])

    def test_a_callback_runs_in_the_kernel_jvm(self):
        out = self.printed(
            "var callbackPid = new java.util.concurrent.atomic.AtomicLong();\n"
            "try (Pool one = new Pool(1)) {\n"
            "    AsyncResult<Long> r = one.applyAsync(() -> ProcessHandle.current().pid(),\n"
            "            workerPid -> callbackPid.set(ProcessHandle.current().pid()));\n"
            "    long workerPid = r.get(java.time.Duration.ofSeconds(60));\n"
            "    System.out.println(\"cell \" + ProcessHandle.current().pid() + \" worker \" + workerPid + \" callback \" + callbackPid.get());\n"
            "}")
        cell, worker, callback = (int(p) for p in re.fullmatch(r"cell (\d+) worker (\d+) callback (\d+)\n", out).groups())
        self.assertEqual(callback, cell, out)
        self.assertNotEqual(worker, cell, out)
        # the cell's JVM is the kernel: the process jupyter_client started, or its child
        self.assertTrue(in_process_tree(cell, self.km.provisioner.process.pid), out)

    def test_zz_shutdown_ends_every_worker(self):
        reply, out, errors = run_cell(self.kc, SLEEPER, timeout=WORKER_CELL_SECONDS)
        self.assertEqual(reply["status"], "ok", (out, errors))
        pids = [int(p) for p in re.search(r"pids (\d+) (\d+) (\d+)", out).groups()]
        self.assertTrue(all(running(p) for p in pids), pids)
        # as a notebook server ends a kernel: a shutdown_request, then SIGTERM after shutdown_wait_time
        # (JJava's JVM lingers up to 60 s after the request once a cell ran: its idle executor thread)
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        self.assertFalse(self.km.is_alive(), "kernel still running after shutdown_kernel")
        self.assertEqual(wait_until_ended(pids), [], "workers left after the kernel ended")


if __name__ == "__main__":
    unittest.main(verbosity=2)
