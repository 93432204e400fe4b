package io.github.mp4j.cluster;

import io.github.mp4j.pool.PortableWork;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.internal.util.lang.GridPeerDeployAware;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.TaskSessionResource;

import java.io.Serial;
import java.security.CodeSource;
import java.util.List;

/**
 * One pool work item as an Ignite job: a {@link PortableWork} message in, its reply out, both bytes.
 *
 * <p>Implementation overview: how a task's classes reach a server node. The task is serialized by
 * mp4j (with the notebook's static state snapshot), so Ignite's marshaller sees only this class and
 * bytes. Ignite peer-deploys a job from the class and loader it names through
 * {@link GridPeerDeployAware}; it would otherwise take this class, which every node has on its
 * class path, and in SHARED mode a class a node has locally is always deployed from the node's own
 * loader, which has never heard of a JShell cell. So the job names the class of the task that a
 * node is least likely to have ({@link #deployClassOf}), typically a cell's class, with that
 * class's loader: the node then creates a peer class loader that fetches classes from this JVM's
 * loader (the JShell loader serves its snippets' bytes as resources), and the job reads its
 * message through that loader, which Ignite hands it as the task session's class loader.
 */
final class NodeJob implements IgniteCallable<byte[]>, GridPeerDeployAware {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final List<String> NODE_CLASS_PATH = List.of(location(NodeJob.class),
            location(org.apache.ignite.Ignite.class));

    private final byte[] message;
    /** Submitting side only: what Ignite deploys the job as. */
    private final transient Class<?> deployClass;
    @TaskSessionResource
    private transient ComputeTaskSession session;

    NodeJob(byte[] message, List<Class<?>> named) {
        this.message = message;
        this.deployClass = deployClassOf(named);
    }

    @Override
    public byte[] call() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // ClassShipping.loader() is the context loader in a node: the deployment's peer class loader
        thread.setContextClassLoader(session != null ? session.getClassLoader() : NodeJob.class.getClassLoader());
        try {
            return PortableWork.answer(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Class<?> deployClass() {
        return deployClass != null ? deployClass : NodeJob.class;
    }

    @Override
    public ClassLoader classLoader() {
        return deployClass().getClassLoader();
    }

    /**
     * Of the classes a message names, the one to deploy it as: not the JDK's, mp4j's or Ignite's
     * (every node has those), and defined by the loader that sees the others (a JShell loader
     * rather than its parent); this class when none qualifies, so that the node's own loader reads it.
     */
    static Class<?> deployClassOf(List<Class<?>> named) {
        Class<?> best = NodeJob.class;
        for (Class<?> type : named) {
            while (type.isArray()) {
                type = type.getComponentType();
            }
            ClassLoader loader = type.getClassLoader();
            if (type.isPrimitive() || type.isHidden() || loader == null
                    || loader == ClassLoader.getPlatformClassLoader() || NODE_CLASS_PATH.contains(location(type))) {
                continue;
            }
            if (best == NodeJob.class || isAncestor(best.getClassLoader(), loader)) {
                best = type;
            }
        }
        return best;
    }

    private static boolean isAncestor(ClassLoader ancestor, ClassLoader loader) {
        for (ClassLoader l = loader.getParent(); l != null; l = l.getParent()) {
            if (l == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "" : source.getLocation().toString();
    }
}
