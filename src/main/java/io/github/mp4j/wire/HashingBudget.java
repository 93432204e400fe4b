package io.github.mp4j.wire;

import java.io.InvalidClassException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Bounds what hashing the collections of one message can cost, before a hash table of the message
 * hashes them.
 *
 * <p>Reading a hash table hashes each element as soon as it is read, and the hash of a collection
 * visits all its elements, those of the collections inside it, and so on. Collections that share
 * their elements make that exponential in the nesting: two sets per level each holding the same
 * two sets of the next level, 27 levels, take 2^27 visits (seconds) to hash, from a 1.5 KB
 * message. A filter cannot see that, since a shared element appears in the stream once and
 * then as a reference. So each collection, map, map entry and record, once read and before anything
 * can hash it, gets its <em>weight</em>: one plus the weights of its elements (keys and values,
 * components), that is, how many objects a hash of it would visit. A message whose collections weigh more
 * than {@value #WEIGHT_PER_BYTE} per byte of the message (at least {@value #WEIGHT_FLOOR}:
 * milliseconds of hashing) is refused. A collection that shares nothing weighs less than the
 * message's byte count, since each of its elements is in the message; computing the weights visits
 * each collection's elements once. Other classes weigh one: a hash that recurses through the fields
 * of a class that is neither of these is not followed.
 */
final class HashingBudget {

    static final long WEIGHT_PER_BYTE = 64;
    static final long WEIGHT_FLOOR = 1 << 20;

    private final long limit;
    /**
     * Each record class's component fields. Read as fields, not through the accessors: an accessor
     * is the record's own code, which must not run before the message has passed.
     */
    private static final ClassValue<Field[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Field[] fields = new Field[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    fields[i] = type.getDeclaredField(components[i].getName());
                    fields[i].setAccessible(true);
                }
            } catch (ReflectiveOperationException | RuntimeException notOpen) {
                return new Field[0]; // a record of a module closed to mp4j weighs one
            }
            return fields;
        }
    };

    /** The weight of each object read so far that weighs more than one. */
    private final Map<Object, Long> weights = new IdentityHashMap<>();

    HashingBudget(long messageBytes) {
        this.limit = Math.max(WEIGHT_FLOOR, WEIGHT_PER_BYTE * messageBytes);
    }

    /**
     * Weighs an object that has just been read, whose elements have all been weighed.
     *
     * @throws InvalidClassException (a {@link FilterRejection}) if hashing it could take more than the
     *         message allows
     */
    void weigh(Object read) throws InvalidClassException {
        long weight;
        if (read instanceof Collection<?> collection) {
            weight = 1;
            for (Object element : collection) {
                weight = add(weight, element);
            }
        } else if (read instanceof Map<?, ?> map) {
            weight = 1;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                weight = add(add(weight, entry.getKey()), entry.getValue());
            }
        } else if (read instanceof Map.Entry<?, ?> entry) {
            weight = add(add(1, entry.getKey()), entry.getValue());
        } else if (read instanceof Record) {
            weight = 1;
            for (Field component : COMPONENTS.get(read.getClass())) {
                weight = add(weight, component(component, read));
            }
        } else {
            return;
        }
        if (weight == 1) {
            return;
        }
        if (weight > limit) {
            throw MessageFilter.refused(read.getClass().getName(), "collections that share their elements, "
                    + "whose hash would visit " + weight + " elements (at most " + limit + " for a message of this size)");
        }
        weights.put(read, weight);
    }

    private long add(long weight, Object element) {
        Long known = element == null || element instanceof String || element instanceof Number ? null : weights.get(element);
        return Math.min(Long.MAX_VALUE / 2, weight + (known == null ? 1 : known));
    }

    /** A record's component, or null (weight one) when it cannot be read. */
    private static Object component(Field component, Object record) {
        try {
            return component.get(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
