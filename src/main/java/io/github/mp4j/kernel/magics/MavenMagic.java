package io.github.mp4j.kernel.magics;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * {@code %maven group:artifact:version [more coordinates]}: resolves the artifacts and their
 * runtime dependencies with Maven's resolver, from Maven Central (the repository Maven's super POM
 * names {@code central}) through the user's local repository {@code ~/.m2/repository}, and adds
 * every resolved jar to the session. Coordinates may carry an extension and classifier
 * ({@code g:a:jar:classifier:v}). Returns the added jar paths.
 */
public final class MavenMagic {

    private final Consumer<String> addToClasspath;
    private final Path localRepository;

    /** {@link #register} passes {@code ~/.m2/repository}; tests pass a folder of their own. */
    MavenMagic(Consumer<String> addToClasspath, Path localRepository) {
        this.addToClasspath = addToClasspath;
        this.localRepository = localRepository;
    }

    /** Registers {@code %maven}; resolved jars go to {@code addToClasspath}. */
    public static void register(MagicRegistry registry, Consumer<String> addToClasspath) {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        registry.line("maven", new MavenMagic(addToClasspath, local)::resolveAndAdd);
    }

    private List<String> resolveAndAdd(String args) throws Exception {
        List<String> jars = resolve(List.of(args.trim().split("\\s+")));
        jars.forEach(addToClasspath);
        return jars;
    }

    /**
     * The jars of {@code coordinates} and their transitive runtime dependencies, in resolution order.
     *
     * @throws IllegalArgumentException if no coordinates are given or one is malformed
     * @throws org.eclipse.aether.resolution.DependencyResolutionException if something cannot be resolved
     */
    List<String> resolve(List<String> coordinates) throws Exception {
        if (coordinates.isEmpty() || coordinates.get(0).isEmpty()) {
            throw new IllegalArgumentException("usage: %maven group:artifact:version [...]");
        }
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build()) {
            CollectRequest collect = new CollectRequest();
            for (String c : coordinates) {
                collect.addDependency(new Dependency(new DefaultArtifact(c), "runtime"));
            }
            collect.setRepositories(system.newResolutionRepositories(session, List.of(central())));
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter("compile", "runtime"));
            List<String> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                jars.add(r.getArtifact().getPath().toAbsolutePath().toString());
            }
            return jars;
        } finally {
            system.shutdown();
        }
    }

    /** Maven Central as Maven's own super POM declares it. */
    private static RemoteRepository central() throws Exception {
        try (InputStream in = Model.class.getResourceAsStream("pom-4.0.0.xml")) {
            if (in == null) {
                throw new IllegalStateException("Maven's super POM is missing from the class path");
            }
            Model superPom = new MavenXpp3Reader().read(in);
            for (Repository r : superPom.getRepositories()) {
                if (r.getId().equals("central")) {
                    return new RemoteRepository.Builder("central", "default", r.getUrl()).build();
                }
            }
            throw new IllegalStateException("Maven's super POM names no central repository");
        }
    }
}
