package io.github.mp4j.cluster;

import org.apache.ignite.ssl.SslContextFactory;

import javax.cache.configuration.Factory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster's keys: a folder that {@code node --init} makes and {@code node --tls},
 * {@code Cluster.connect(addresses, folder)} and {@code Cluster.startLocal} use.
 *
 * <pre>
 * ca.p12      the cluster's CA: its private key signs members; keep it, but not on the nodes
 * node.p12    key store: a member's private key and its certificate chain (member, CA)
 * trust.p12   trust store: the CA's certificate, the only one a member trusts
 * password    the stores' password (random, 32 bytes in base64)
 * </pre>
 *
 * Every member (server node or client) holds the same {@code node.p12}, so whoever has the folder
 * is a member, and nobody else. The folder is created rwx------ and its files rw-------; a folder
 * whose key store or password others can read is refused, as ssh refuses such a key. Keys are made
 * by the JDK's {@code keytool}, run as processes: EC P-256 keys, SHA256withECDSA signatures,
 * PKCS#12 stores.
 */
public final class TlsFolder {

    static final String CA = "ca.p12";
    static final String KEY_STORE = "node.p12";
    static final String TRUST_STORE = "trust.p12";
    static final String PASSWORD = "password";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final long KEYTOOL_TIMEOUT_S = 120;
    private static final String PASSWORD_VARIABLE = "MP4J_CLUSTER_STORE_PASSWORD";

    private final Path folder;
    private final char[] password;

    private TlsFolder(Path folder, char[] password) {
        this.folder = folder;
        this.password = password;
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Makes a new cluster's keys in {@code folder}, which must not exist or be empty; it is made
     * (or set) rwx------. Certificates are valid for {@code days} days.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code folder} holds anything
     * @throws IOException when keytool fails (its error output is in the message)
     */
    public static TlsFolder create(Path folder, int days) throws IOException {
        folder = folder.toAbsolutePath();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new java.nio.file.FileAlreadyExistsException(folder.toString(), null,
                            "not empty: keys are made in a new or empty folder");
                }
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.writeString(folder.resolve(PASSWORD), password, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(folder.resolve(PASSWORD), OWNER_ONLY);
        Keytool keytool = new Keytool(folder, password, String.valueOf(days));
        try {
            // two key pairs at once; then the member's request is signed while the CA certificate is
            // exported; then both stores are filled at once: three keytool starts end to end
            CompletableFuture<byte[]> ca = keytool.async(null, "-genkeypair", "-alias", "ca", "-keystore", CA,
                    "-dname", "CN=mp4j cluster CA " + Long.toHexString(new SecureRandom().nextLong()),
                    "-ext", "bc:c");
            CompletableFuture<byte[]> member = keytool.async(null, "-genkeypair", "-alias", "node",
                    "-keystore", KEY_STORE, "-dname", "CN=mp4j cluster member");
            CompletableFuture.allOf(ca, member).join();
            CompletableFuture<byte[]> caCert = keytool.async(null, "-exportcert", "-rfc", "-alias", "ca",
                    "-keystore", CA);
            CompletableFuture<byte[]> signed = keytool.async(null, "-certreq", "-alias", "node", "-keystore", KEY_STORE)
                    .thenApply(request -> keytool.run(request, "-gencert", "-rfc", "-alias", "ca", "-keystore", CA));
            byte[] caPem = caCert.join();
            byte[] chain = concat(signed.join(), caPem);
            CompletableFuture.allOf(
                    keytool.async(chain, "-importcert", "-noprompt", "-alias", "node", "-keystore", KEY_STORE),
                    keytool.async(caPem, "-importcert", "-noprompt", "-alias", "ca", "-keystore", TRUST_STORE)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof KeytoolFailure failure ? failure.io : new IOException(e.getCause());
        }
        for (String file : List.of(CA, KEY_STORE, TRUST_STORE)) {
            Files.setPosixFilePermissions(folder.resolve(file), OWNER_ONLY);
        }
        return new TlsFolder(folder, password.toCharArray());
    }

    /**
     * Opens the keys in {@code folder} ({@code node.p12}, {@code trust.p12}, {@code password};
     * {@code ca.p12} is not needed).
     *
     * @throws NoSuchFileException naming the first file that is missing
     * @throws IOException when the key store or password can be read by other users, or the stores
     *                     cannot be read with the password
     */
    public static TlsFolder open(Path folder) throws IOException {
        folder = folder.toAbsolutePath();
        for (String file : List.of(KEY_STORE, TRUST_STORE, PASSWORD)) {
            Path path = folder.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString(), null,
                        "not a cluster key folder (make one with: java -jar mp4j-kernel.jar node --init FOLDER)");
            }
        }
        for (String file : List.of(KEY_STORE, PASSWORD)) {
            Path path = folder.resolve(file);
            if (Files.getFileStore(path).supportsFileAttributeView("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path))) {
                throw new java.nio.file.AccessDeniedException(path.toString(), null,
                        "other users can read the cluster's keys: chmod 600 it (and make new keys if they may have)");
            }
        }
        TlsFolder tls = new TlsFolder(folder, Files.readString(folder.resolve(PASSWORD), StandardCharsets.US_ASCII)
                .strip().toCharArray());
        tls.keyStore();
        tls.trustStore();
        return tls;
    }

    /** The key store: this member's private key and its certificate chain. */
    KeyStore keyStore() throws IOException {
        return load(KEY_STORE);
    }

    /** The trust store: the cluster CA's certificate. */
    KeyStore trustStore() throws IOException {
        return load(TRUST_STORE);
    }

    /** Password of both stores (and of the member's key). */
    char[] password() {
        return password.clone();
    }

    private KeyStore load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + folder.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ignite's TLS for discovery and communication with these stores. Ignite's servers require
     * the peer's certificate (client authentication) on both. Its engines work around a stall in
     * Ignite's TLS reader ({@link TlsContext}).
     */
    Factory<SSLContext> igniteFactory() {
        SslContextFactory factory = new SslContextFactory();
        factory.setKeyStoreType("PKCS12");
        factory.setKeyStoreFilePath(folder.resolve(KEY_STORE).toString());
        factory.setKeyStorePassword(password());
        factory.setTrustStoreType("PKCS12");
        factory.setTrustStoreFilePath(folder.resolve(TRUST_STORE).toString());
        factory.setTrustStorePassword(password());
        return new TlsContext(factory);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The JDK's keytool in {@code folder}, the password in its environment (not on its command line). */
    private record Keytool(Path folder, String password, String days) {

        CompletableFuture<byte[]> async(byte[] input, String... args) {
            return CompletableFuture.supplyAsync(() -> run(input, args));
        }

        byte[] run(byte[] input, String... args) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    // a short run: skip the optimizing compiler
                    "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
            command.addAll(List.of(args));
            command.addAll(List.of("-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE));
            if (args[0].equals("-genkeypair")) {
                command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", days));
            } else if (args[0].equals("-gencert")) {
                command.addAll(List.of("-validity", days));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
            builder.environment().put(PASSWORD_VARIABLE, password);
            try {
                java.lang.Process keytool = builder.start();
                try (OutputStream in = keytool.getOutputStream()) {
                    if (input != null) {
                        in.write(input);
                    }
                }
                CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(keytool.getErrorStream()));
                byte[] out = keytool.getInputStream().readAllBytes();
                if (!keytool.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                    keytool.destroyForcibly();
                    throw new IOException("keytool " + args[0] + " did not end within " + KEYTOOL_TIMEOUT_S + " s");
                }
                if (keytool.exitValue() != 0) {
                    throw new IOException("keytool " + args[0] + " failed (exit " + keytool.exitValue() + "): "
                            + new String(out, StandardCharsets.UTF_8).strip() + " "
                            + new String(err.join(), StandardCharsets.UTF_8).strip());
                }
                return out;
            } catch (IOException e) {
                throw new KeytoolFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeytoolFailure(new java.io.InterruptedIOException("interrupted while keytool ran"));
            }
        }

        private static byte[] readAll(InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }

    /** Carries a keytool failure through the futures, so that {@link #create} throws it as it was. */
    private static final class KeytoolFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient IOException io;

        KeytoolFailure(IOException io) {
            super(io);
            this.io = io;
        }
    }
}
