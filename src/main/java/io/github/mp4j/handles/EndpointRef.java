package io.github.mp4j.handles;

import io.github.mp4j.wire.Endpoint;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What an object holding an {@link Endpoint} becomes in flight: a description of the endpoint from
 * which the receiving process opens its own copy, as the object is read, and rebuilds the object
 * around it. A subclass names what it rebuilds:
 *
 * <pre>{@code
 * private Object writeReplace() throws ObjectStreamException {
 *     return new Ref(endpoint);
 * }
 * private static final class Ref extends EndpointRef {
 *     Ref(Endpoint endpoint) throws ObjectStreamException { super(endpoint, "this pipe end"); }
 *     protected Object rebuild(Endpoint opened) { return new PipeEnd(opened); }
 * }
 * }</pre>
 */
public abstract class EndpointRef implements Serializable {

    private static final long serialVersionUID = 1L;
    private final Endpoint.Reference endpoint;

    /**
     * Describes {@code endpoint}; {@code what} names the holder in the error when it cannot travel.
     *
     * @throws ObjectStreamException when this kind of endpoint cannot travel, or not now
     */
    protected EndpointRef(Endpoint endpoint, String what) throws ObjectStreamException {
        try {
            this.endpoint = endpoint.reference();
        } catch (ObjectStreamException e) {
            throw e;
        } catch (IOException e) {
            throw Transfer.failure("cannot send " + what + ": " + e.getMessage(), e);
        }
    }

    /** The holder, rebuilt around this process's own copy of the endpoint. */
    protected abstract Object rebuild(Endpoint opened);

    protected final Object readResolve() throws ObjectStreamException {
        try {
            return rebuild(endpoint.open());
        } catch (IOException e) {
            throw Transfer.failure(e.getMessage(), e);
        }
    }
}
