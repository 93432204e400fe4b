package io.github.mp4j.cluster;

import org.apache.ignite.ssl.SslContextFactory;

import javax.cache.configuration.Factory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The TLS context of a cluster's nodes and clients: Ignite's own {@link SslContextFactory} for the
 * cluster's keys, whose engines report a packet buffer size large enough that Ignite's
 * communication never stalls on a message of an unlucky size.
 *
 * <h2>Why</h2>
 * Ignite 2.17's TLS reader ({@code GridNioSslHandler.messageReceived}) appends each socket read to
 * its buffer of encrypted bytes and then decrypts only "if the buffer has room left": a read that
 * fills it to the last byte is left encrypted until the next read on that connection. The buffer
 * starts at the engine's packet buffer size plus 50 bytes (16,759 bytes with the JDK's TLS) and
 * grows only when a read does not fit. So a message whose encrypted bytes arrive in one read of
 * exactly that size, the first such on its connection, is not delivered until another message
 * follows it; a Manager write that sent it waits in its commit, holding the object's lock, and
 * every later write times out ({@code TransactionTimeoutException}). A Manager list that grows by
 * ten bytes a call met that size after some 1,630 calls.
 *
 * <p>A read is never longer than the session's read buffer, which Ignite sizes from the socket's
 * receive buffer: {@link NodeConfig} sets that to {@link #SOCKET_RECEIVE_BUFFER} bytes, which the
 * kernel reports as at most twice that (Linux doubles it). What a read is appended to is at most
 * one unfinished TLS packet. These engines report a packet buffer size of twice the real one plus
 * the longest read, so the buffer always has room left after a read, and Ignite decrypts every
 * read at once. The cost is memory: some 400 KB of buffers per TLS connection (its encrypted input
 * and output and its decrypted input) instead of 67 KB. Everything else (handshakes, records,
 * certificates) is the JDK's engine, unchanged.
 */
final class TlsContext implements Factory<SSLContext> {

    private static final long serialVersionUID = 1L;

    /** The socket receive buffer every node's communication asks for (Ignite's default too). */
    static final int SOCKET_RECEIVE_BUFFER = 32 * 1024;
    /** The longest read of one connection: the kernel may report twice the receive buffer asked for. */
    private static final int LONGEST_READ = 2 * SOCKET_RECEIVE_BUFFER;

    private final SslContextFactory keys;
    private transient volatile SSLContext context;

    /** @param keys Ignite's factory for the cluster's key and trust stores */
    TlsContext(SslContextFactory keys) {
        this.keys = keys;
    }

    /** The context, made on first use (Ignite asks for it on every connection). */
    @Override
    public SSLContext create() {
        SSLContext made = context;
        if (made == null) {
            SSLContext real = keys.create();
            made = context = new SSLContext(new Spi(real), real.getProvider(), real.getProtocol()) {};
        }
        return made;
    }

    /** The packet buffer size the engines report for a session whose real one is {@code real}. */
    static int reportedPacketBufferSize(int real) {
        return 2 * real + LONGEST_READ;
    }

    @Override
    public String toString() {
        return "TlsContext[" + keys + "]";
    }

    /** The real context's, except that its engines are {@link Engine}s. */
    private static final class Spi extends SSLContextSpi {
        private final SSLContext real;

        Spi(SSLContext real) {
            this.real = real;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new IllegalStateException("the cluster's TLS context comes initialized with its keys");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new Engine(real.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new Engine(real.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real.getSupportedSSLParameters();
        }
    }

    /** The JDK's engine, whose sessions report the larger packet buffer size. */
    private static final class Engine extends SSLEngine {
        private final SSLEngine real;

        Engine(SSLEngine real) {
            super(real.getPeerHost(), real.getPeerPort());
            this.real = real;
        }

        @Override
        public SSLSession getSession() {
            return new Session(real.getSession());
        }

        @Override
        public SSLSession getHandshakeSession() {
            SSLSession handshake = real.getHandshakeSession();
            return handshake == null ? null : new Session(handshake);
        }

        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
            return real.wrap(srcs, offset, length, dst);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
            return real.unwrap(src, dsts, offset, length);
        }

        @Override
        public Runnable getDelegatedTask() {
            return real.getDelegatedTask();
        }

        @Override
        public void closeInbound() throws SSLException {
            real.closeInbound();
        }

        @Override
        public boolean isInboundDone() {
            return real.isInboundDone();
        }

        @Override
        public void closeOutbound() {
            real.closeOutbound();
        }

        @Override
        public boolean isOutboundDone() {
            return real.isOutboundDone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return real.getSupportedCipherSuites();
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return real.getEnabledCipherSuites();
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
            real.setEnabledCipherSuites(suites);
        }

        @Override
        public String[] getSupportedProtocols() {
            return real.getSupportedProtocols();
        }

        @Override
        public String[] getEnabledProtocols() {
            return real.getEnabledProtocols();
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
            real.setEnabledProtocols(protocols);
        }

        @Override
        public void beginHandshake() throws SSLException {
            real.beginHandshake();
        }

        @Override
        public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
            return real.getHandshakeStatus();
        }

        @Override
        public void setUseClientMode(boolean mode) {
            real.setUseClientMode(mode);
        }

        @Override
        public boolean getUseClientMode() {
            return real.getUseClientMode();
        }

        @Override
        public void setNeedClientAuth(boolean need) {
            real.setNeedClientAuth(need);
        }

        @Override
        public boolean getNeedClientAuth() {
            return real.getNeedClientAuth();
        }

        @Override
        public void setWantClientAuth(boolean want) {
            real.setWantClientAuth(want);
        }

        @Override
        public boolean getWantClientAuth() {
            return real.getWantClientAuth();
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
            real.setEnableSessionCreation(flag);
        }

        @Override
        public boolean getEnableSessionCreation() {
            return real.getEnableSessionCreation();
        }

        @Override
        public SSLParameters getSSLParameters() {
            return real.getSSLParameters();
        }

        @Override
        public void setSSLParameters(SSLParameters params) {
            real.setSSLParameters(params);
        }

        @Override
        public String getApplicationProtocol() {
            return real.getApplicationProtocol();
        }

        @Override
        public String getHandshakeApplicationProtocol() {
            return real.getHandshakeApplicationProtocol();
        }

        @Override
        public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
            real.setHandshakeApplicationProtocolSelector(selector);
        }

        @Override
        public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
            return real.getHandshakeApplicationProtocolSelector();
        }
    }

    /** The JDK's session, with the larger packet buffer size. */
    private record Session(SSLSession real) implements SSLSession {

        @Override
        public int getPacketBufferSize() {
            return reportedPacketBufferSize(real.getPacketBufferSize());
        }

        @Override
        public int getApplicationBufferSize() {
            return real.getApplicationBufferSize();
        }

        @Override
        public byte[] getId() {
            return real.getId();
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return real.getSessionContext();
        }

        @Override
        public long getCreationTime() {
            return real.getCreationTime();
        }

        @Override
        public long getLastAccessedTime() {
            return real.getLastAccessedTime();
        }

        @Override
        public void invalidate() {
            real.invalidate();
        }

        @Override
        public boolean isValid() {
            return real.isValid();
        }

        @Override
        public void putValue(String name, Object value) {
            real.putValue(name, value);
        }

        @Override
        public Object getValue(String name) {
            return real.getValue(name);
        }

        @Override
        public void removeValue(String name) {
            real.removeValue(name);
        }

        @Override
        public String[] getValueNames() {
            return real.getValueNames();
        }

        @Override
        public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
            return real.getPeerCertificates();
        }

        @Override
        public Certificate[] getLocalCertificates() {
            return real.getLocalCertificates();
        }

        @Override
        public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
            return real.getPeerPrincipal();
        }

        @Override
        public Principal getLocalPrincipal() {
            return real.getLocalPrincipal();
        }

        @Override
        public String getCipherSuite() {
            return real.getCipherSuite();
        }

        @Override
        public String getProtocol() {
            return real.getProtocol();
        }

        @Override
        public String getPeerHost() {
            return real.getPeerHost();
        }

        @Override
        public int getPeerPort() {
            return real.getPeerPort();
        }
    }
}
