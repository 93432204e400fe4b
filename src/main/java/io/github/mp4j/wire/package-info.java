/**
 * How bytes and objects cross between two processes; nothing here is public API (the public types
 * are the root package's {@link io.github.mp4j.Connection}, {@link io.github.mp4j.Listener} and
 * {@link io.github.mp4j.Client}), and any of it may change without notice.
 *
 * <h2>Implementation overview</h2>
 * Layers, from the bytes up; each decision has one home:
 * <ul>
 * <li><b>Transport.</b> An {@link io.github.mp4j.wire.Endpoint} only moves bytes: a FIFO pair
 *     ({@code handles/Fifo}) or a socket ({@link io.github.mp4j.wire.SocketEndpoint}, located by
 *     {@link io.github.mp4j.wire.AddressSyntax}); {@code SpinPolicy} decides
 *     whether a reader polls before it sleeps.
 * <li><b>Framing.</b> {@link io.github.mp4j.wire.Frames} is the one frame format (a 4-byte length,
 *     then the payload) and its size limit; {@link io.github.mp4j.wire.FrameInput} and
 *     {@link io.github.mp4j.wire.FrameOutput} are where a connection takes and puts whole frames.
 * <li><b>Authentication.</b> {@link io.github.mp4j.wire.Handshake} is the HMAC challenge, with no
 *     I/O of its own; {@link io.github.mp4j.wire.Gatekeeper} runs every arriving connection's
 *     handshake on one selector thread ({@code PendingHandshake}).
 * <li><b>Serialization.</b> {@link io.github.mp4j.wire.ObjectCodec} turns objects into frames and
 *     back, resolving classes through {@code shipping/ClassShipping}; every read is bounded by a
 *     {@code MessageFilter} and a {@code HashingBudget}.
 *     {@link io.github.mp4j.wire.Parts} is the form of a task that needs no Java serialization.
 * </ul>
 */
package io.github.mp4j.wire;
