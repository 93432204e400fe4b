package io.github.mp4j.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster's key folder as {@code node --init} makes it, and the folders {@code TlsFolder.open} refuses. */
@Timeout(240)
class TlsFolderTest {

    @TempDir
    Path temp;

    @Test
    void initMakesAMemberKeySignedByANewCaInOwnerOnlyFiles() throws Exception {
        TlsFolder tls = TlsFolder.create(temp.resolve("keys"), 30);
        Path folder = temp.resolve("keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        for (String file : List.of(TlsFolder.CA, TlsFolder.KEY_STORE, TlsFolder.TRUST_STORE, TlsFolder.PASSWORD)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file))),
                    file);
        }
        try (var files = Files.list(folder)) {
            assertEquals(4, files.count(), "no stray files (requests, PEM copies) are left in the folder");
        }
        KeyStore keys = TlsFolder.open(folder).keyStore();
        Certificate[] chain = keys.getCertificateChain("node");
        assertEquals(2, chain.length, "member certificate, then the CA's");
        X509Certificate member = (X509Certificate) chain[0];
        X509Certificate ca = (X509Certificate) chain[1];
        member.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), member.getIssuerX500Principal());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA's certificate is a CA's");
        assertEquals(ca, tls.trustStore().getCertificate("ca"), "the trust store holds exactly the CA");
        assertEquals(1, tls.trustStore().size());
        assertFalse(Files.readString(folder.resolve(TlsFolder.PASSWORD), StandardCharsets.US_ASCII).isBlank());
    }

    @Test
    void twoFoldersHaveTwoCas() throws Exception {
        X509Certificate a = (X509Certificate) TlsFolder.create(temp.resolve("a"), 30).trustStore().getCertificate("ca");
        X509Certificate b = (X509Certificate) TlsFolder.create(temp.resolve("b"), 30).trustStore().getCertificate("ca");
        assertNotEquals(a.getPublicKey(), b.getPublicKey());
        assertThrows(java.security.SignatureException.class, () -> a.verify(b.getPublicKey()));
    }

    @Test
    void keysThatOtherUsersCanReadAreRefused() throws Exception {
        Path folder = temp.resolve("keys");
        TlsFolder.create(folder, 30);
        Files.setPosixFilePermissions(folder.resolve(TlsFolder.PASSWORD), PosixFilePermissions.fromString("rw-r--r--"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> TlsFolder.open(folder));
        assertEquals(folder.resolve(TlsFolder.PASSWORD).toString(), e.getFile());
    }

    @Test
    void aFolderWithoutKeysIsRefusedNamingTheMissingFile() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("empty"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TlsFolder.open(folder));
        assertEquals(folder.resolve(TlsFolder.KEY_STORE).toString(), e.getFile());
    }

    @Test
    void initRefusesAFolderThatHoldsAnything() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("used"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> TlsFolder.create(folder, 30));
        assertEquals(List.of(folder.resolve("notes.txt")), Files.list(folder).toList(), "nothing was written");
    }

    @Test
    void theNodeInitCommandMakesAFolderThatOpens() throws Exception {
        Path folder = temp.resolve("cli");
        java.lang.Process init = new ProcessBuilder(NodeMain.command(List.of("--init", folder.toString())))
                .redirectErrorStream(true).start();
        String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(init.waitFor(120, TimeUnit.SECONDS), "node --init did not end");
        assertEquals(0, init.exitValue(), out);
        assertTrue(out.contains("--tls"), "it says how to use the folder: " + out);
        TlsFolder.open(folder);
        java.lang.Process again = new ProcessBuilder(NodeMain.command(List.of("--init", folder.toString())))
                .redirectErrorStream(true).start();
        String refused = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, again.exitValue(), "keys are never overwritten: " + refused);
    }
}
