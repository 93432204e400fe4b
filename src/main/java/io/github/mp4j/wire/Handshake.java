package io.github.mp4j.wire;

import io.github.mp4j.AuthenticationError;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge–response, run on a fresh byte stream before anything on it is
 * deserialized.
 *
 * <p>The accepting side challenges first, then the connecting side; each challenge is 40 random
 * bytes and the answer is HMAC-SHA256(authkey, challenge), compared in constant time. Every frame
 * read here is bounded to a few hundred bytes, so a peer that sends garbage cannot make us allocate.
 */
public final class Handshake {

    private static final byte[] CHALLENGE = "#CHALLENGE#{sha256}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    private static final int CHALLENGE_BYTES = 40;
    private static final int MAX_HANDSHAKE_FRAME = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}


    /** The accepting side: challenge the peer, then answer its challenge. */
    public static void accept(InputStream in, OutputStream out, byte[] authkey) throws IOException {
        challenge(in, out, authkey);
        answer(in, out, authkey);
    }

    /** The connecting side: answer the peer's challenge, then challenge it. */
    public static void connect(InputStream in, OutputStream out, byte[] authkey) throws IOException {
        answer(in, out, authkey);
        challenge(in, out, authkey);
    }

    private static void challenge(InputStream in, OutputStream out, byte[] authkey) throws IOException {
        byte[] nonce = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] message = concat(CHALLENGE, nonce);
        Frames.write(out, message, 0, message.length);
        byte[] response = readSmallFrame(in);
        if (!MessageDigest.isEqual(response, hmac(authkey, message))) {
            Frames.write(out, FAILURE, 0, FAILURE.length);
            throw new AuthenticationError("digest received was wrong");
        }
        Frames.write(out, WELCOME, 0, WELCOME.length);
    }

    private static void answer(InputStream in, OutputStream out, byte[] authkey) throws IOException {
        byte[] message = readSmallFrame(in);
        if (message.length != CHALLENGE.length + CHALLENGE_BYTES
                || !Arrays.equals(message, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
            throw new AuthenticationError("protocol error: expected a challenge from the peer");
        }
        byte[] digest = hmac(authkey, message);
        Frames.write(out, digest, 0, digest.length);
        if (!Arrays.equals(readSmallFrame(in), WELCOME)) {
            throw new AuthenticationError("digest sent was rejected");
        }
    }

    private static byte[] readSmallFrame(InputStream in) throws IOException {
        int length = Frames.readHeader(in);
        if (length < 0) {
            throw new AuthenticationError("connection closed during authentication");
        }
        if (length > MAX_HANDSHAKE_FRAME) {
            throw new AuthenticationError("protocol error: message of " + length
                    + " bytes during authentication");
        }
        byte[] payload = new byte[length];
        Frames.readPayload(in, payload, 0, length);
        return payload;
    }

    private static byte[] hmac(byte[] authkey, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authkey.length == 0 ? new byte[1] : authkey, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
