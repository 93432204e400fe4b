package io.github.mp4j.kernel;

import io.github.mp4j.kernel.execution.CellInterrupted;
import io.github.mp4j.kernel.execution.CellResult;
import io.github.mp4j.kernel.execution.CodeAnalysis;
import io.github.mp4j.kernel.execution.CompilationException;
import io.github.mp4j.kernel.execution.EvaluationException;
import io.github.mp4j.kernel.execution.JShellSession;
import io.github.mp4j.kernel.magics.CellPart;
import io.github.mp4j.kernel.magics.ClasspathMagics;
import io.github.mp4j.kernel.magics.LoadMagic;
import io.github.mp4j.kernel.magics.MagicParser;
import io.github.mp4j.kernel.magics.MagicRegistry;
import io.github.mp4j.kernel.magics.MavenMagic;
import io.github.mp4j.kernel.magics.Mp4jMagics;
import io.github.mp4j.kernel.runtime.Display;
import io.github.mp4j.kernel.runtime.Magics;
import io.github.mp4j.notebook.HtmlView;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The mp4j Jupyter kernel: cells run in this JVM through a {@link JShellSession}, so objects made
 * in cells (pools, managers) stay alive for later cells and magics.
 *
 * <p>basekernel supplies the channels and message classes; this class answers
 * {@code execute_request}, {@code kernel_info_request} and {@code history_request} itself (see
 * {@link ProtocolFixes}) and leaves completion, inspection, is_complete, interrupt and shutdown to
 * basekernel's handlers, which call the overrides here. Cells run one at a time on the shell
 * thread; interrupts arrive on the control thread.
 */
public final class Mp4jKernel extends BaseKernel implements Magics.Target {

    private static final long SHUTDOWN_GRACE_MILLIS = 300;

    /** Started in the background so that the kernel answers kernel_info while JShell warms up. */
    private final CompletableFuture<JShellSession> session;
    /** Run before the first cell, on the shell thread; null once run (or when there is none). */
    private Path startupScript;

    private final MagicRegistry magics = new MagicRegistry();
    private final MagicParser parser = new MagicParser(magics::resultType);
    private final CellHistory history = new CellHistory();
    private final LanguageInfo language;
    private final NotebookDisplay display;
    /** Set once the kernel is connected; display calls before that fail. */
    private volatile CellOutput output;
    /** {@code System.in} for cells; null when not connected through a {@link KernelConnection}. */
    private CellInput input;
    /** Set when the first execute request arrives. */
    private volatile boolean cellsStarted;

    /** A kernel over {@code session}; it becomes the target of the notebook runtime API. */
    public Mp4jKernel(JShellSession session) {
        this(CompletableFuture.completedFuture(session), null);
    }

    /**
     * A kernel over a session that may still be starting; requests that need it wait for it.
     *
     * @param startupScript a {@code .jsh} file (magics allowed) run just before the first cell, so
     *                      that its output and errors show in that cell; null for none
     */
    public Mp4jKernel(CompletableFuture<JShellSession> session, Path startupScript) {
        this.session = session;
        this.startupScript = startupScript;
        this.language = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
        setShouldReplaceStdStreams(false); // CellOutput owns System.out/err for the JVM's life
        ClasspathMagics.register(magics, path -> session().addToClasspath(path));
        MavenMagic.register(magics, path -> session().addToClasspath(path));
        LoadMagic.Runner runner = text -> {
            CellResult r = runCell(text, null);
            return r.hasValue() ? r.value() : null;
        };
        LoadMagic.register(magics, runner);
        // Our types: HTML beside the text form, static so exported notebooks keep it. A Pool is
        // shown as its PoolState, live (NotebookDisplay).
        HtmlView.tables().forEach(view -> BasekernelViews.register(getRenderer(), view));
        display = new NotebookDisplay(getRenderer(), () -> output);
        Mp4jMagics.register(magics, runner, display::show);
        Display.attach(display);
        Magics.attach(this);
    }

    /** The JShell session, waiting for it to finish starting if need be. */
    JShellSession session() {
        return session.join();
    }

    /** True once an execute request has arrived (background work such as warm-up then gives way). */
    boolean hasRunCells() {
        return cellsStarted;
    }

    /** The magics of this kernel; magic families register here. */
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        output = new CellOutput(connection.getIOPub());
        output.install();
        if (connection instanceof KernelConnection k) {
            input = new CellInput(k.stdin(), k.context());
            System.setIn(input);
        }
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecute);
        String version = Mp4jKernel.class.getPackage().getImplementationVersion();
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, ProtocolFixes.kernelInfo(() ->
                new ProtocolFixes.KernelInfo(Header.PROTOCOL_VERISON, "mp4j", version == null ? "dev" : version,
                        language, getBanner(), getHelpLinks())));
        connection.setHandler(MessageType.HISTORY_REQUEST, ProtocolFixes.history(history));
    }

    /* ---- execution ---- */

    private void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        cellsStarted = true;
        ExecuteRequest request = message.getContent();
        int count = request.shouldStoreHistory() ? executionCount.getAndIncrement() : executionCount.get();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        output.begin(message);
        display.pools().cellStarted();
        display.progress().cellStarted();
        if (input != null) {
            input.begin(message, request.isStdinEnabled());
        }
        try {
            runStartupScript();
            CellResult result = runCell(request.getCode(), "In [" + count + "]");
            output.drain();
            String text = "";
            // a pool the cell already showed (%pool does) is live there: not shown twice
            if (result.hasValue() && !request.isSilent() && !display.pools().shownInCell(result.value())) {
                DisplayData data = render(result.value());
                env.publish(new PublishExecuteResult(count, data));
                Object plain = data.getData(MIMEType.TEXT_PLAIN);
                text = plain == null ? "" : plain.toString();
            }
            if (request.shouldStoreHistory()) {
                history.record(count, request.getCode(), text);
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Throwable failure) {
            output.drain();
            PublishError error = CellErrors.describe(failure);
            if (request.shouldStoreHistory()) {
                history.record(count, request.getCode(), "");
            }
            env.publish(error);
            ErrorReply reply = new ErrorReply(error.getErrorName(), error.getErrorMessage(), error.getStacktrace());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
            if (failure instanceof Error e && !(failure instanceof CellInterrupted)) {
                throw e; // OutOfMemoryError and friends: the kernel is in no state to go on
            }
        } finally {
            if (input != null) {
                input.end();
            }
            endPoolViews();
            output.end();
        }
    }

    /**
     * The final state of every shown pool the cell changed, and of every progress bar, goes out
     * before the cell's idle status.
     */
    private void endPoolViews() {
        try {
            display.pools().cellEnded();
            display.progress().cellEnded();
        } catch (RuntimeException e) {
            System.err.println("mp4j: could not update the live pool tables: " + e);
        }
    }

    /**
     * Runs a cell: its magics and Java parts in order. Returns the value of the last part.
     * {@code cellName} names the cell in stack traces (null: JShell's snippet numbers).
     *
     * @throws CompilationException if a Java part does not compile
     * @throws EvaluationException  if a Java part throws
     * @throws CellInterrupted      if the cell is interrupted
     * @throws Exception            whatever a magic throws
     */
    CellResult runCell(String code, String cellName) throws Exception {
        CellResult result = CellResult.NONE;
        for (CellPart part : parser.parse(code)) {
            if (part instanceof CellPart.Code c) {
                result = session().eval(c.code(), cellName);
            } else if (part instanceof CellPart.LineMagic m) {
                result = valueOf(magics.line(m.name()).run(m.args()));
            } else if (part instanceof CellPart.CellMagic m) {
                result = valueOf(magics.cell(m.name()).run(m.args(), m.body()));
            }
        }
        return result;
    }

    private void runStartupScript() {
        Path script = startupScript;
        startupScript = null;
        if (script == null) {
            return;
        }
        try {
            runCell(Files.readString(script), script.getFileName().toString());
        } catch (Exception | CellInterrupted e) {
            System.err.println("mp4j: startup script " + script + " failed: " + CellErrors.describe(e).getErrorMessage());
        }
    }

    private static CellResult valueOf(Object magicValue) {
        return magicValue == null ? CellResult.NONE : CellResult.of(magicValue, null);
    }

    @Override
    public DisplayData eval(String expr) throws Exception {
        CellResult r = runCell(expr, null);
        return r.hasValue() ? render(r.value()) : null;
    }

    @Override
    public void interrupt() {
        session.thenAccept(JShellSession::interrupt);
    }

    /* ---- display (runtime API) ---- */

    DisplayData render(Object value) {
        return display.render(value);
    }

    @Override
    public Object line(String name, String args) throws Exception {
        return magics.line(name).run(args);
    }

    /* ---- completion, inspection, is_complete, info, history ---- */

    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        String typed = code.substring(lineStart, at).strip();
        if (typed.matches("%%?[\\w.-]*")) { // a magic name: complete from the registry
            String prefix = typed.replaceFirst("^%%?", "");
            return new ReplacementOptions(magics.names(typed.startsWith("%%"), prefix),
                    at - prefix.length(), at);
        }
        CodeAnalysis.Completions c = session().analysis().complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = session().analysis().inspect(code, at);
        return doc == null ? null : new DisplayData(doc);
    }

    /** Magic lines are complete by themselves; the Java between them is judged by JShell. */
    @Override
    public String isComplete(String code) {
        StringBuilder java = new StringBuilder();
        for (CellPart part : parser.parse(code)) {
            if (part instanceof CellPart.CellMagic) {
                return IS_COMPLETE_YES; // the body is the magic's to judge, when it runs
            }
            if (part instanceof CellPart.Code c) {
                java.append(c.code()).append('\n');
            }
        }
        if (java.toString().isBlank()) {
            return IS_COMPLETE_YES;
        }
        return switch (session().analysis().isComplete(java.toString())) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INVALID -> IS_COMPLETE_BAD;
            case INCOMPLETE -> "    ";
        };
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return language;
    }

    @Override
    public String getBanner() {
        return "mp4j kernel - Java " + Runtime.version() + " (JShell in the kernel's JVM)";
    }

    /**
     * Stops the running cell and makes sure the JVM exits even if the shell thread is stuck in it:
     * the exit (and with it the library's shutdown hooks that end child JVMs) must not depend on
     * cell code finishing, or Jupyter would kill the JVM with SIGKILL and orphan its children.
     */
    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS); // let the shutdown reply go out first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            display.pools().close();
            display.progress().close();
            if (output != null) {
                output.close();
            }
            System.exit(0);
        }, "mp4j-shutdown");
        exit.start();
    }
}
