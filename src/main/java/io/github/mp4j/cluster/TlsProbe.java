package io.github.mp4j.cluster;

import io.github.mp4j.ClusterAuthenticationError;
import io.github.mp4j.ClusterAuthenticationError.Reason;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * One TLS handshake with the first discovery address that accepts a connection, before this JVM
 * starts an Ignite node, so that a JVM that does not belong to the cluster learns why at once, in
 * an {@link ClusterAuthenticationError}, instead of after Ignite's join timeout, or, for a server
 * node, instead of silently starting a cluster of its own. Ignite's own TLS is what keeps outsiders
 * out; this only names the cause.
 *
 * <p>The handshake is TLS 1.2, whose server checks the client's certificate before the handshake
 * completes (in 1.3 the verdict arrives after it), and the trust manager records whether the node
 * presented a certificate at all: no certificate means a plain-TCP node. A JVM without keys offers
 * the same handshake and stops at the node's certificate: a node that sends one requires TLS.
 * Silence (no answer within {@value #HANDSHAKE_MS} ms, e.g. a node too busy to read) proves
 * nothing, and the join goes ahead; so does a list where no address accepts (the first node).
 */
final class TlsProbe {

    private static final int CONNECT_MS = 1000;
    private static final int HANDSHAKE_MS = 10_000;
    /** Probing stops after this long: addresses behind a firewall that drops packets each cost a connect timeout. */
    private static final long PROBE_MS = 5000;

    private TlsProbe() {}

    /**
     * Checks that the cluster at {@code discovery} speaks as {@code tls} does: TLS with the same CA
     * when it is a folder, plain TCP when it is null.
     *
     * @throws ClusterAuthenticationError when the first node that answers refuses this JVM or is
     *                                    refused by it
     * @throws IOException when {@code tls}'s stores cannot be read
     */
    static void check(Iterable<InetSocketAddress> discovery, TlsFolder tls) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_MS);
        for (InetSocketAddress address : discovery) {
            if (System.nanoTime() > deadline) {
                return;
            }
            Socket socket = new Socket();
            try {
                socket.connect(address, CONNECT_MS);
            } catch (IOException nobodyThere) {
                socket.close();
                continue;
            }
            handshake(socket, address, tls);
            return;
        }
    }

    private static void handshake(Socket socket, InetSocketAddress address, TlsFolder tls) throws IOException {
        Recorder recorder = new Recorder(tls == null ? null : trustManager(tls));
        String peer = address.getHostString() + ":" + address.getPort();
        try (SSLSocket ssl = (SSLSocket) context(tls, recorder).getSocketFactory()
                .createSocket(socket, address.getHostString(), address.getPort(), true)) {
            ssl.setEnabledProtocols(new String[]{"TLSv1.2"});
            ssl.setSoTimeout(HANDSHAKE_MS);
            ssl.startHandshake();
        } catch (SocketTimeoutException silent) {
            return;
        } catch (IOException e) {
            if (tls == null && recorder.presented) {
                throw new ClusterAuthenticationError(Reason.PEER_REQUIRES_TLS, peer,
                        "requires TLS and this side has no keys: join with the cluster's key folder"
                                + " (Cluster.connect(addresses, folder), node --tls FOLDER)", null);
            }
            if (tls == null) {
                return; // a plain node closed the connection on a TLS hello: as expected
            }
            if (!recorder.presented) {
                throw new ClusterAuthenticationError(Reason.PEER_WITHOUT_TLS, peer,
                        "does not speak TLS (a cluster started without keys?); this side joins only with TLS", e);
            }
            if (recorder.distrusted != null) {
                throw new ClusterAuthenticationError(Reason.PEER_NOT_TRUSTED, peer,
                        "presents a certificate that this side's cluster CA did not sign (another cluster's"
                                + " keys, or this side has another cluster's folder)", recorder.distrusted);
            }
            throw new ClusterAuthenticationError(Reason.REFUSED_BY_PEER, peer,
                    "refused this side's certificate (this side holds another cluster's key store): "
                            + e.getMessage(), e);
        }
        if (tls == null) {
            // only reached if a node accepted a client without a certificate: not one of mp4j's
            throw new ClusterAuthenticationError(Reason.PEER_REQUIRES_TLS, peer,
                    "speaks TLS and this side has no keys: join with the cluster's key folder", null);
        }
    }

    private static X509TrustManager trustManager(TlsFolder tls) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(tls.trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("no X.509 trust manager for " + tls.folder());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the trust store in " + tls.folder() + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TlsFolder tls, Recorder recorder) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.2");
            if (tls == null) {
                context.init(null, new TrustManager[]{recorder}, null);
            } else {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(tls.keyStore(), tls.password());
                context.init(keys.getKeyManagers(), new TrustManager[]{recorder}, null);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the keys in " + (tls == null ? "(none)" : tls.folder())
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the node's certificate with the cluster's trust manager (or, without keys, refuses
     * it), noting that one was presented and whether it was refused.
     */
    private static final class Recorder implements X509TrustManager {
        private final X509TrustManager trust;
        volatile boolean presented;
        volatile CertificateException distrusted;

        Recorder(X509TrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            presented = true;
            if (trust == null) {
                throw new CertificateException("this side has no keys");
            }
            try {
                trust.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                distrusted = e;
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a probe is never a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust == null ? new X509Certificate[0] : trust.getAcceptedIssuers();
        }
    }
}
