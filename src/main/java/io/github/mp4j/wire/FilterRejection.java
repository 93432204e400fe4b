package io.github.mp4j.wire;

import java.io.InvalidClassException;

/**
 * A message refused by its deserialization filter ({@link MessageFilter}: {@code mp4j.serialFilter},
 * the gadget block-list, the size bounds) or by its {@link HashingBudget}, or a class named outside
 * Java serialization that {@code mp4j.serialFilter} refuses. The text says
 * "deserialization filter rejected the message" and why; {@link #classname} names the class, or is
 * null when the refusal is the stream's as a whole.
 */
public final class FilterRejection extends InvalidClassException {

    private static final long serialVersionUID = 1L;

    FilterRejection(String className, String why) {
        super(className, "deserialization filter rejected the message: " + why);
    }
}
