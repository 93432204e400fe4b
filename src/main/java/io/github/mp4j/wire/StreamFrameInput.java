package io.github.mp4j.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * Frames read straight from a stream that only this process reads (a socket, a private pipe): the
 * header, then the payload as it arrives. {@link #awaitData()} reads the next header ahead
 * and keeps it, with any error, for the next receive.
 */
public final class StreamFrameInput implements FrameInput {

    private final InputStream in;
    /** A header read ahead by awaitData (or the error reading it); read and written under the caller's lock. */
    private volatile Integer aheadLength;
    private volatile IOException aheadError;

    public StreamFrameInput(InputStream in) {
        this.in = in;
    }

    @Override
    public void begin() {
        // a private stream needs no exclusion beyond the caller's
    }

    @Override
    public void end() {
        // nothing to release
    }

    @Override
    public int nextLength() throws IOException {
        IOException error = aheadError;
        if (error != null) {
            aheadError = null;
            throw error;
        }
        Integer ahead = aheadLength;
        if (ahead != null) {
            aheadLength = null;
            return ahead;
        }
        return Frames.readHeader(in);
    }

    @Override
    public void take(byte[] buf, int offset, int length) throws IOException {
        Frames.readPayload(in, buf, offset, length);
    }

    @Override
    public byte[] take(int length) throws IOException {
        return Frames.readGrowing(in, length);
    }

    @Override
    public boolean ready() throws IOException {
        return aheadLength != null || aheadError != null || in.available() > 0;
    }

    @Override
    public void awaitData() {
        try {
            aheadLength = Frames.readHeader(in);
        } catch (IOException e) {
            aheadError = e;
        }
    }
}
