package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

/** Each failure a receiver branches on has a type of its own, with Python's text. */
class FailureTypesTest {

    @Test
    void aForgedNegativeLengthIsABadMessageLength() {
        byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFB};
        BadMessageLength e = assertThrows(BadMessageLength.class, () -> Frames.parseHeader(header));
        assertEquals("bad message length: -5 (garbage on the wire?)", e.getMessage());
    }

    @Test
    void aLengthOverTheMaximumIsABadMessageLength() {
        BadMessageLength e = assertThrows(BadMessageLength.class,
                () -> Frames.checkIncomingLength(Frames.maxMessageBytes() + 1));
        assertTrue(e.getMessage().startsWith("bad message length: " + (Frames.maxMessageBytes() + 1)
                + " exceeds the maximum of "), e.getMessage());
    }

    @Test
    void anEndOfFileInsideAHeaderIsATruncatedMessage() {
        TruncatedMessage e = assertThrows(TruncatedMessage.class,
                () -> Frames.readHeader(new ByteArrayInputStream(new byte[] {0, 0})));
        assertEquals("got end of file during message", e.getMessage());
    }

    @Test
    void anEndOfFileInsideAPayloadIsATruncatedMessage() {
        assertThrows(TruncatedMessage.class,
                () -> Frames.readGrowing(new ByteArrayInputStream(new byte[10]), 100));
        assertThrows(TruncatedMessage.class,
                () -> Frames.readPayload(new ByteArrayInputStream(new byte[10]), new byte[100], 0, 100));
    }

    @Test
    void aCleanEndBeforeAHeaderIsNoFailure() throws Exception {
        assertEquals(-1, Frames.readHeader(new ByteArrayInputStream(new byte[0])));
    }

    /** A class that {@code mp4j.serialFilter} refuses below. */
    record Refused(int value) implements Serializable {
    }

    @Test
    void aClassRefusedByTheUserFilterIsAFilterRejection() throws Exception {
        byte[] message = ObjectCodec.serialize(new Refused(1));
        String before = System.getProperty("mp4j.serialFilter");
        System.setProperty("mp4j.serialFilter", "!" + Refused.class.getName());
        try {
            FilterRejection e = assertThrows(FilterRejection.class, () -> ObjectCodec.deserialize(message));
            assertTrue(e.getMessage().contains("deserialization filter rejected the message: refused by "
                    + "mp4j.serialFilter: " + Refused.class.getName()), e.getMessage());
            FilterRejection named = assertThrows(FilterRejection.class, () -> ObjectCodec.checkClass(Refused.class));
            assertEquals(Refused.class.getName(), named.classname);
        } finally {
            if (before == null) {
                System.clearProperty("mp4j.serialFilter");
            } else {
                System.setProperty("mp4j.serialFilter", before);
            }
        }
    }

    @Test
    void aMessageOverItsSizeBoundsIsAFilterRejection() {
        FilterRejection e = assertThrows(FilterRejection.class,
                () -> ObjectCodec.deserialize(HostileMessages.hugeArrayClaim()));
        assertNull(e.classname, "the stream's refusal names no class");
        assertThrows(FilterRejection.class, () -> ObjectCodec.deserialize(HostileMessages.hashSetBomb(30)));
    }
}
