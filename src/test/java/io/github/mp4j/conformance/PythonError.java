package io.github.mp4j.conformance;

import io.github.mp4j.AuthenticationError;
import io.github.mp4j.BufferTooShort;
import io.github.mp4j.Queue;
import io.github.mp4j.RemoteError;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/**
 * The one table from the exceptions CPython's tests expect to the types mp4j throws in their place.
 * A ported {@code self.assertRaises(ValueError, ...)} reads {@code assertRaises(VALUE_ERROR, ...)}.
 */
enum PythonError {
    /** {@code ValueError} for a bad argument: a negative size, an unknown name. */
    VALUE_ERROR(IllegalArgumentException.class),
    /** {@code ValueError} for an object in the wrong state: closed, released or marked done too often. */
    VALUE_ERROR_STATE(IllegalStateException.class),
    /** {@code OSError}: "handle is closed", a broken pipe, a failed system call. */
    OS_ERROR(IOException.class),
    /** {@code FileNotFoundError}: no shared memory block (or file) of that name. */
    FILE_NOT_FOUND_ERROR(java.nio.file.NoSuchFileException.class),
    /** {@code FileExistsError}: a shared memory block of that name exists already. */
    FILE_EXISTS_ERROR(java.nio.file.FileAlreadyExistsException.class),
    /** {@code EOFError}: every copy of the peer end is closed. */
    EOF_ERROR(EOFException.class),
    /** {@code multiprocessing.TimeoutError} from a result's {@code get(timeout)}. */
    TIMEOUT_ERROR(TimeoutException.class),
    /** {@code queue.Empty}. */
    QUEUE_EMPTY(Queue.Empty.class),
    /** {@code queue.Full}. */
    QUEUE_FULL(Queue.Full.class),
    /** {@code threading.BrokenBarrierError}. */
    BROKEN_BARRIER_ERROR(BrokenBarrierException.class),
    /** {@code multiprocessing.AuthenticationError}. */
    AUTHENTICATION_ERROR(AuthenticationError.class),
    /** {@code multiprocessing.BufferTooShort}. */
    BUFFER_TOO_SHORT(BufferTooShort.class),
    /** {@code multiprocessing.managers.RemoteError}. */
    REMOTE_ERROR(RemoteError.class),
    /** {@code RuntimeError}: a manager lock released while not held. */
    RUNTIME_ERROR(IllegalStateException.class);

    final Class<? extends Throwable> javaType;

    PythonError(Class<? extends Throwable> javaType) {
        this.javaType = javaType;
    }

    /** Asserts that {@code body} throws this error's Java type (or a subtype) and returns it. */
    static Throwable assertRaises(PythonError error, Executable body) {
        return Assertions.assertThrows(error.javaType, body);
    }
}
