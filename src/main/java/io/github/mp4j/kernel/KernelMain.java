package io.github.mp4j.kernel;

import io.github.mp4j.kernel.execution.CompilerWarmUp;
import io.github.mp4j.kernel.execution.JShellSession;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the kernel jar.
 * <ul>
 *   <li>{@code java -jar mp4j-kernel.jar CONNECTION_FILE} runs the kernel (Jupyter does this);
 *   <li>{@code java -jar mp4j-kernel.jar install ...} installs a kernelspec, see
 *       {@link KernelSpecInstaller};
 *   <li>{@code java -jar mp4j-kernel.jar node ...} runs a cluster server node, see
 *       {@link io.github.mp4j.cluster.NodeMain}.
 * </ul>
 * When the frontend shuts the kernel down (or restarts it), the JVM exits, which runs the
 * library's shutdown hooks that end every child JVM the kernel started.
 */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("install")) {
            KernelSpecInstaller.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("node")) {
            io.github.mp4j.cluster.NodeMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -jar mp4j-kernel.jar CONNECTION_FILE | install [options] | node [options]");
            System.exit(2);
        }
        // basekernel logs every message at INFO on stderr.
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("Jupyter").setLevel(Level.WARNING);

        KernelEnvironment env = KernelEnvironment.read(System.getenv());
        env.exportWorkerProperties();
        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new KernelConnection(properties);

        // JShell takes a second or two to start: answer kernel_info meanwhile.
        CompletableFuture<JShellSession> session = CompletableFuture.supplyAsync(() -> {
            JShellSession started = JShellSession.start();
            if (env.classpath() != null) {
                started.addToClasspath(env.classpath());
            }
            return started;
        });
        Path startup = env.startupScript() == null ? null : Path.of(env.startupScript()).toAbsolutePath();
        Mp4jKernel kernel = new Mp4jKernel(session, startup);
        // Once JShell is up, warm javac in a throwaway JShell until the first cell arrives.
        session.thenRun(() -> CompilerWarmUp.start(kernel::hasRunCells));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
