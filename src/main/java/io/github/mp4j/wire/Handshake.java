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
 * One side of the mutual HMAC-SHA256 challenge–response, run on a fresh byte stream before anything
 * on it is deserialized: the messages, their order and their checks, with no I/O of its own.
 *
 * <pre>
 *   accepting side                         connecting side
 *   "#CHALLENGE#{sha256}" + 40 random  -&gt;
 *                                      &lt;-  HMAC-SHA256(authkey, that challenge)
 *   "#WELCOME#" or "#FAILURE#"         -&gt;
 *                                      &lt;-  "#CHALLENGE#{sha256}" + 40 random
 *   HMAC-SHA256(authkey, that challenge) -&gt;
 *                                      &lt;-  "#WELCOME#" or "#FAILURE#"
 * </pre>
 *
 * Each message is one {@link Frames frame}; digests are compared in constant time. A driver moves the
 * frames: {@link #connect} over blocking streams (the client), {@link Gatekeeper} over non-blocking
 * sockets (the listener, many handshakes on one thread). Frames here are at most
 * {@link #MAX_FRAME_BYTES} long, checked from the header alone, so a peer that sends garbage cannot
 * make either driver allocate.
 */
public final class Handshake {

    /** The largest payload any handshake message may have. */
    static final int MAX_FRAME_BYTES = 256;

    private static final byte[] CHALLENGE = "#CHALLENGE#{sha256}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    private static final int CHALLENGE_BYTES = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Step { SEND_CHALLENGE, RECEIVE_ANSWER, SEND_VERDICT, RECEIVE_CHALLENGE, SEND_ANSWER, RECEIVE_VERDICT, DONE }

    private static final Step[] ACCEPTING = {Step.SEND_CHALLENGE, Step.RECEIVE_ANSWER, Step.SEND_VERDICT,
            Step.RECEIVE_CHALLENGE, Step.SEND_ANSWER, Step.RECEIVE_VERDICT, Step.DONE};
    private static final Step[] CONNECTING = {Step.RECEIVE_CHALLENGE, Step.SEND_ANSWER, Step.RECEIVE_VERDICT,
            Step.SEND_CHALLENGE, Step.RECEIVE_ANSWER, Step.SEND_VERDICT, Step.DONE};

    private final byte[] authkey;
    private final Step[] steps;
    private int next;
    /** The challenge we sent, kept to check the peer's answer. */
    private byte[] challenge;
    /** What the next SEND_ANSWER or SEND_VERDICT step sends. */
    private byte[] reply;
    /** Our verdict was {@code FAILURE}: the handshake fails once it has been sent. */
    private boolean rejected;

    private Handshake(byte[] authkey, Step[] steps) {
        this.authkey = authkey;
        this.steps = steps;
    }

    /** The side that accepted the socket: it challenges first. */
    static Handshake accepting(byte[] authkey) {
        return new Handshake(authkey, ACCEPTING);
    }

    /**
     * Runs the connecting side over blocking streams: answers the peer's challenge, then challenges it.
     *
     * @throws AuthenticationError when either digest is wrong, the peer breaks the protocol or hangs up
     * @throws IOException when the stream fails
     */
    public static void connect(InputStream in, OutputStream out, byte[] authkey) throws IOException {
        Handshake handshake = new Handshake(authkey, CONNECTING);
        while (!handshake.isDone()) {
            if (handshake.isSending()) {
                out.write(handshake.frameToSend());
                out.flush();
                handshake.frameSent();
            } else {
                handshake.frameReceived(readFrame(in));
            }
        }
    }

    /** Whether both sides have proved they hold the key. */
    boolean isDone() {
        return steps[next] == Step.DONE;
    }

    /**
     * Whether the peer has answered our challenge correctly, so it holds the key; what is left is our
     * proof to it.
     */
    boolean peerHoldsKey() {
        return next > Arrays.asList(steps).indexOf(Step.RECEIVE_ANSWER) && !rejected;
    }

    /** Whether the next step sends {@link #frameToSend()}; otherwise it waits for the peer's frame. */
    boolean isSending() {
        Step step = steps[next];
        return step == Step.SEND_CHALLENGE || step == Step.SEND_ANSWER || step == Step.SEND_VERDICT;
    }

    /** The frame, header included, that the current sending step sends; the same until {@link #frameSent()}. */
    byte[] frameToSend() {
        if (steps[next] == Step.SEND_CHALLENGE) {
            if (challenge == null) {
                challenge = Arrays.copyOf(CHALLENGE, CHALLENGE.length + CHALLENGE_BYTES);
                byte[] nonce = new byte[CHALLENGE_BYTES];
                RANDOM.nextBytes(nonce);
                System.arraycopy(nonce, 0, challenge, CHALLENGE.length, CHALLENGE_BYTES);
            }
            return frame(challenge);
        }
        return frame(reply);
    }

    /**
     * Records that the current frame went out whole.
     *
     * @throws AuthenticationError "digest received was wrong" once a {@code FAILURE} verdict is sent
     */
    void frameSent() throws AuthenticationError {
        if (steps[next] == Step.SEND_VERDICT && rejected) {
            throw new AuthenticationError("digest received was wrong");
        }
        next++;
    }

    /**
     * Takes the peer's next frame payload.
     *
     * @throws AuthenticationError when it is not the message this step expects
     */
    void frameReceived(byte[] payload) throws AuthenticationError {
        switch (steps[next]) {
            case RECEIVE_CHALLENGE -> {
                if (payload.length != CHALLENGE.length + CHALLENGE_BYTES
                        || !Arrays.equals(payload, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
                    throw new AuthenticationError("protocol error: expected a challenge from the peer");
                }
                reply = hmac(payload);
            }
            case RECEIVE_ANSWER -> {
                rejected = !MessageDigest.isEqual(payload, hmac(challenge));
                reply = rejected ? FAILURE : WELCOME;
            }
            case RECEIVE_VERDICT -> {
                if (!Arrays.equals(payload, WELCOME)) {
                    throw new AuthenticationError("digest sent was rejected");
                }
            }
            default -> throw new IllegalStateException("not receiving: " + steps[next]);
        }
        next++;
    }

    /**
     * The payload length a handshake frame's header announces.
     *
     * @throws AuthenticationError when it is negative or longer than any handshake message
     */
    static int payloadLength(byte[] header) throws AuthenticationError {
        int length = Frames.getInt(header, 0);
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new AuthenticationError("protocol error: message of " + length + " bytes during authentication");
        }
        return length;
    }

    /** The failure for a peer that hung up; {@code midFrame} when it left a frame unfinished. */
    static AuthenticationError hungUp(boolean midFrame) {
        return new AuthenticationError(midFrame ? "connection closed during authentication, inside a message"
                : "connection closed during authentication");
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        byte[] header = in.readNBytes(Frames.HEADER_BYTES);
        if (header.length < Frames.HEADER_BYTES) {
            throw hungUp(header.length > 0);
        }
        int length = payloadLength(header);
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw hungUp(true);
        }
        return payload;
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[Frames.HEADER_BYTES + payload.length];
        Frames.putInt(frame, 0, payload.length);
        System.arraycopy(payload, 0, frame, Frames.HEADER_BYTES, payload.length);
        return frame;
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authkey.length == 0 ? new byte[1] : authkey, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
