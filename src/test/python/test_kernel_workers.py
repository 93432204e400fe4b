"""Cell code in worker JVMs, driven by a real jupyter_client: records, methods and lambdas from
cells run in a Process, a worker's output lands in the running cell, top-level variables reach the
worker, and restart or shutdown leaves no child JVM the kernel started.

Run by KernelProtocolIT with Debian's /usr/bin/python3; the kernelspec is named by
MP4J_TEST_KERNEL and found through JUPYTER_PATH. Every wait is bounded.
"""
import os
import re
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("MP4J_TEST_KERNEL", "mp4j")
TIMEOUT = 30
# a worker that would outlive the kernel by far if nothing ended it
SLEEPER = ('var sleeper = new Process(() -> Thread.sleep(120_000));\n'
           'var daemonSleeper = new Process(() -> Thread.sleep(120_000));\n'
           'daemonSleeper.setDaemon(true);\n'
           'sleeper.start(); daemonSleeper.start();\n'
           'var idlePool = new Pool(1);\n'
           'long poolPid = idlePool.apply(() -> ProcessHandle.current().pid());\n'
           'System.out.println("pids " + sleeper.pid() + " " + daemonSleeper.pid() + " " + poolPid);')


def outputs_of(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, [(msg_type, content)]) of everything the cell
    published before its idle status (status and execute_input left out)."""
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    reply, idle, published = None, False, []
    while not (reply and idle):
        if time.monotonic() > deadline:
            raise AssertionError("no reply within %ss to %r" % (timeout, code))
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.05)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg["content"]
            except Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif kind not in ("status", "execute_input"):
            published.append((kind, msg["content"]))
    return reply, published


def run_cell(kc, code, timeout=TIMEOUT, results=None):
    """Executes code; returns (reply content, stdout text, [error contents]). The data of every
    execute_result is appended to `results` when a list is given."""
    reply, published = outputs_of(kc, code, timeout)
    stdout = "".join(c["text"] for k, c in published if k == "stream" and c["name"] == "stdout")
    if results is not None:
        results.extend(c["data"] for k, c in published if k == "execute_result")
    return reply, stdout, [c for k, c in published if k == "error"]


def running(pid):
    """Whether pid is a live process (a zombie left for init to reap counts as ended)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False


def wait_until_ended(pids, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(running(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if running(p)]


class OneKernelPerClass:
    """A kernel shared by the tests of a class."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)


class Mp4jKernelWorkers(OneKernelPerClass, unittest.TestCase):

    def run_ok(self, code):
        reply, out, errors = run_cell(self.kc, code)
        self.assertEqual(reply["status"], "ok", (code, out, errors))
        return out

    def test_record_method_and_lambda_from_cells_run_in_a_process(self):
        self.run_ok("record Pair(int a, int b) implements java.io.Serializable { int sum() { return a + b; } }")
        self.run_ok("String describe(Pair p) { return \"sum=\" + p.sum() + \" in \" + Process.current().name(); }")
        out = self.run_ok(
            "int viaWorker() throws Exception {\n"
            "  Pair local = new Pair(2, 3);\n"
            "  java.util.function.Function<Pair, String> f =\n"
            "      (java.util.function.Function<Pair, String> & java.io.Serializable) p -> describe(p);\n"
            "  Process w = new Process(\"cell-worker\", () -> System.out.println(\"worker says \" + f.apply(local)));\n"
            "  w.start(); w.join(java.time.Duration.ofSeconds(20));\n"
            "  return w.exitCode(); }\n"
            "System.out.println(\"exit \" + viaWorker());")
        # the worker's line was copied into the running cell's stream before join returned
        self.assertEqual(out, "worker says sum=5 in cell-worker\nexit 0\n")

    def test_top_level_variables_reach_the_worker_as_they_were_at_start(self):
        self.run_ok("int n = 5;")
        self.run_ok("var words = new ArrayList<>(List.of(\"a\", \"b\"));")
        self.run_ok("Task show = () -> System.out.println(\"n=\" + n + \" words=\" + words);")
        self.run_ok("Thread notShipped = new Thread(() -> {});")
        out = self.run_ok(
            "var w = new Process(() -> { show.run(); System.out.println(\"thread \" + notShipped); });\n"
            "w.start(); n = 6; words.add(\"c\");\n"
            "w.join(java.time.Duration.ofSeconds(20));\n"
            "System.out.println(\"exit \" + w.exitCode() + \" n=\" + n);")
        self.assertEqual(out, "n=5 words=[a, b]\nthread null\nexit 0 n=6\n")

    def test_record_method_and_lambda_from_cells_run_in_a_pool(self):
        self.run_ok("record Box(int side) implements java.io.Serializable { int area() { return side * side; } }")
        self.run_ok("int areaInWorker(Box b) { System.out.println(\"worker \" + Process.current().name() + \" box \" + b.side()); return b.area(); }")
        self.run_ok("var boxPool = new Pool(2);")
        out = self.run_ok(
            "var areas = boxPool.map(b -> areaInWorker(b), List.of(new Box(1), new Box(2), new Box(3)), 1);\n"
            "var biggest = boxPool.apply(() -> new Box(areas.get(2)));\n"
            "System.out.println(areas + \" \" + biggest);")
        self.assertTrue(out.endswith("[1, 4, 9] Box[side=9]\n"), out)
        # every worker line reached the running cell
        self.assertEqual(sorted(re.findall(r"box (\d)", out)), ["1", "2", "3"], out)
        self.assertRegex(out, r"worker Pool-\d+-worker-\d box 1")

    def test_top_level_variables_reach_pool_workers_as_they_were_at_submit(self):
        self.run_ok("int factor = 10;")
        self.run_ok("var scalePool = new Pool(1);")
        out = self.run_ok(
            "var first = scalePool.applyAsync(() -> factor * 2);\n"
            "factor = 100;\n"
            "var second = scalePool.map(x -> x * factor, List.of(1, 2));\n"
            "System.out.println(first.get() + \" \" + second);")
        self.assertEqual(out, "20 [100, 200]\n")

    def test_a_worker_of_cell_code_opens_only_the_small_library_jar(self):
        # The kernel jar's directory (over 12,000 entries) cost a child 15-20 ms to read, and any
        # ObjectInputStream has the JDK search every jar of the class path for a logger service:
        # a worker's class path is mp4j.jar alone, and the kernel ships it the rest.
        self.run_ok("record Probe(int x) implements java.io.Serializable {}")
        out = self.run_ok(
            "var jars = new Process(() -> {\n"
            "  Probe probe = new Probe(7);\n"
            "  try (var fds = Files.list(Path.of(\"/proc/self/fd\"))) {\n"
            "    for (Path fd : fds.toList()) {\n"
            "      try {\n"
            "        Path target = Files.readSymbolicLink(fd);\n"
            "        if (target.toString().endsWith(\".jar\")) System.out.println(\"open \" + target.getFileName() + \" \" + probe.x());\n"
            "      } catch (IOException gone) { }\n"
            "    }\n"
            "  }\n"
            "});\n"
            "jars.start(); jars.join(java.time.Duration.ofSeconds(20));\n"
            "System.out.println(\"exit \" + jars.exitCode());")
        self.assertEqual(out, "open mp4j.jar 7\nexit 0\n")

    def test_a_process_value_shows_as_an_html_table_beside_its_text(self):
        results = []
        reply, out, errors = run_cell(
            self.kc, "var shown = new Process(\"shown\", () -> {});\n"
                     "shown.start(); shown.join(java.time.Duration.ofSeconds(20));\nshown", results=results)
        self.assertEqual(reply["status"], "ok", (out, errors))
        self.assertEqual(len(results), 1, results)
        html, text = results[0]["text/html"], results[0]["text/plain"]
        self.assertIn("<td>shown</td>", html)
        self.assertIn("<td>stopped</td><td>0</td>", html)
        self.assertIn("name='shown'", text)


class Mp4jKernelPoolMagic(OneKernelPerClass, unittest.TestCase):
    """%pool: the pool it returns, its live table (display id, updates while the cell runs, the
    final state before the cell's idle status) and the list of live pools."""

    def run_ok(self, code):
        reply, published = outputs_of(self.kc, code)
        self.assertEqual(reply["status"], "ok", (code, published))
        return published

    @staticmethod
    def updates(published, display_id):
        return [c["data"]["text/plain"] for k, c in published
                if k == "update_display_data" and c["transient"]["display_id"] == display_id]

    def test_pool_returns_a_pool_whose_table_follows_it(self):
        shown = self.run_ok("var live = %pool 2\n"
                            "System.out.println(live.getClass().getName() + \" \" + live.processes());")
        self.assertIn(("stream", {"name": "stdout", "text": "io.github.mp4j.Pool 2\n"}), shown)
        displays = [c for k, c in shown if k == "display_data"]
        self.assertEqual(len(displays), 1, shown)
        self.assertNotIn("execute_result", [k for k, _ in shown])
        table = displays[0]
        display_id = table["transient"]["display_id"]
        # the workers are up when %pool returns: their pids show
        self.assertEqual(table["data"]["text/html"].count("<td>idle</td>"), 2, table["data"]["text/html"])
        self.assertRegex(table["data"]["text/plain"], r"\(2 process workers, running\): 0 queued, 0 completed")

        # six half-second tasks on two workers: the table shows busy workers while the cell runs,
        # and its last update, sent before the cell's idle status, shows everything done
        published = self.run_ok("var slow = live.map(x -> { Thread.sleep(500); return x * x; }, List.of(1, 2, 3, 4, 5, 6), 1);\n"
                                "System.out.println(slow);")
        updates = self.updates(published, display_id)
        self.assertTrue(any("busy" in u for u in updates), updates)
        self.assertIn("0 queued, 6 completed, 0 failed", updates[-1])
        self.assertNotIn("busy", updates[-1])
        self.assertIn(("stream", {"name": "stdout", "text": "[1, 4, 9, 16, 25, 36]\n"}), published)

        # a cell that changes nothing sends no update
        self.assertEqual(self.updates(self.run_ok("int unrelated = 1;"), display_id), [])

        # %pool alone shows every live pool, this one under the same display id
        listed = self.run_ok("%pool")
        ids = [c["transient"]["display_id"] for k, c in listed if k == "display_data"]
        self.assertIn(display_id, ids)

        # the last state a closed pool shows: closed, every worker exited
        closed = self.updates(self.run_ok("live.close();"), display_id)
        self.assertTrue(closed, "no update after close")
        self.assertIn("(2 process workers, closed)", closed[-1])
        self.assertEqual(closed[-1].count(" exited "), 2, closed[-1])
        listed = self.run_ok("%pool")
        self.assertNotIn(display_id, [c["transient"]["display_id"] for k, c in listed if k == "display_data"])

    def test_warm_pool_and_a_pool_value_shown_later_is_live_too(self):
        self.run_ok("var warm = %pool 1 --warm")
        shown = self.run_ok("warm")
        results = [c for k, c in shown if k == "execute_result"]
        self.assertEqual(len(results), 1, shown)
        display_id = results[0]["transient"]["display_id"]
        updates = self.updates(self.run_ok("warm.apply(() -> 1);"), display_id)
        self.assertIn("0 queued, 1 completed", updates[-1])
        self.run_ok("warm.terminate();")

    def test_bad_arguments_are_clear_errors(self):
        for args, message in (("0", "at least 1 worker"), ("four", "unexpected 'four'"),
                              ("--warm", "--warm needs a number")):
            reply, published = outputs_of(self.kc, "%pool " + args)
            self.assertEqual(reply["status"], "error", published)
            self.assertIn(message, reply["evalue"])


class Mp4jKernelEndsWorkers(unittest.TestCase):
    """Each test starts its own kernel: ending the kernel is what is tested."""

    def start_workers(self, kc):
        reply, out, errors = run_cell(kc, SLEEPER)
        self.assertEqual(reply["status"], "ok", (out, errors))
        pids = [int(p) for p in re.search(r"pids (\d+) (\d+) (\d+)", out).groups()]
        self.assertTrue(all(running(p) for p in pids), pids)
        return pids

    def test_restart_and_shutdown_end_every_worker(self):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
        try:
            pids = self.start_workers(kc)
            km.restart_kernel(now=False)
            self.assertEqual(wait_until_ended(pids), [], "workers left after restart")
            kc.wait_for_ready(timeout=60)
            pids = self.start_workers(kc)
            kc.shutdown()
            deadline = time.monotonic() + 15
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertEqual(wait_until_ended(pids), [], "workers left after shutdown_request")
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)


class Mp4jKernelProgress(OneKernelPerClass, unittest.TestCase):
    """A map running over a second shows a progress bar in its cell, redrawn in place through a
    display id and ending at total/total, also in the saved notebook; %progress off hides it;
    %pool --timeline draws what the workers ran."""

    MAP = ("{pool}.map(x -> {{ Thread.sleep({millis}); return x; }}, "
           "java.util.stream.IntStream.range(0, {n}).boxed().toList(), 1).size()")

    def run_ok(self, code):
        reply, published = outputs_of(self.kc, code, timeout=60)
        self.assertEqual(reply["status"], "ok", (code, published))
        return published

    def test_a_three_second_map_shows_a_bar_updated_in_place_that_ends_at_its_total(self):
        shown = self.run_ok("var progressPool = %pool 2")
        table_id = [c["transient"]["display_id"] for k, c in shown if k == "display_data"][0]
        published = self.run_ok(self.MAP.format(pool="progressPool", millis=500, n=12))
        # the live pool table shows the running map's bar too
        tables = [c["data"] for k, c in published
                  if k == "update_display_data" and c["transient"]["display_id"] == table_id]
        self.assertTrue(any("class=\"mp4j-progress\"" in t["text/html"] and "/12" in t["text/plain"]
                            for t in tables), tables)
        bars = [c for k, c in published if k == "display_data"
                and c["transient"].get("display_id", "").startswith("mp4j-progress-")]
        self.assertEqual(len(bars), 1, published)
        display_id = bars[0]["transient"]["display_id"]
        self.assertNotIn("12/12", bars[0]["data"]["text/plain"])
        updates = [c["data"] for k, c in published
                   if k == "update_display_data" and c["transient"]["display_id"] == display_id]
        self.assertGreaterEqual(len(updates), 2, published)
        self.assertLessEqual(len(updates), 14, "at most four redraws a second")
        last = updates[-1]
        self.assertRegex(last["text/plain"], r"^map #\d+ \[#{30}\] 12/12 .* done$")
        self.assertIn("<svg", last["text/html"])
        self.assertIn("12/12 (100%)", last["text/html"])
        self.assertNotIn("<script", last["text/html"])
        results = [c["data"]["text/plain"] for k, c in published if k == "execute_result"]
        self.assertEqual(results, ["12"])

        # a short map shows no bar; %progress off hides a long one
        self.assertEqual([k for k, c in self.run_ok(self.MAP.format(pool="progressPool", millis=10, n=4))
                          if k == "display_data"], [], "no new output")
        self.run_ok("%progress off")
        hidden = self.run_ok(self.MAP.format(pool="progressPool", millis=700, n=4))
        self.assertEqual([c for k, c in hidden if k in ("display_data", "update_display_data")
                          and c["transient"]["display_id"].startswith("mp4j-progress-")], [], hidden)
        self.run_ok("%progress on")

        # the timeline: a row per worker, a bar per task
        shown = self.run_ok("%pool --timeline")
        svgs = [c["data"]["text/html"] for k, c in shown if k == "display_data"]
        self.assertTrue(svgs and all("class=\"mp4j-timeline\"" in s for s in svgs), shown)
        self.assertTrue(any(s.count("<rect ") >= 12 for s in svgs), svgs)
        self.run_ok("progressPool.close();")

    def test_the_saved_notebook_keeps_the_final_bar(self):
        import nbformat
        from nbclient import NotebookClient
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("var savedPool = new Pool(2); savedPool.apply(() -> 1);"),
                    nbformat.v4.new_code_cell(self.MAP.format(pool="savedPool", millis=300, n=20)),
                    nbformat.v4.new_code_cell("savedPool.close();")]
        NotebookClient(nb, kernel_name=KERNEL, timeout=120, startup_timeout=60).execute()
        outputs = nb.cells[1].outputs
        bars = [o for o in outputs if o.output_type == "display_data"]
        self.assertEqual(len(bars), 1, outputs)
        self.assertRegex(bars[0].data["text/plain"], r" 20/20 .* done$")
        self.assertIn("20/20 (100%)", bars[0].data["text/html"])
        self.assertEqual([o.data["text/plain"] for o in outputs if o.output_type == "execute_result"], ["20"])
