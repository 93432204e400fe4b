package io.github.mp4j.wire;

import java.io.InvalidClassException;
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
 * then as a reference. So each collection and map, once read and before anything can hash it, gets
 * its <em>weight</em>: one plus the weights of its elements (keys and values), that is, how many
 * collections, maps and elements a hash of it would visit. A message whose collections weigh more
 * than {@value #WEIGHT_PER_BYTE} per byte of the message (at least {@value #WEIGHT_FLOOR}:
 * milliseconds of hashing) is refused. A collection that shares nothing weighs less than the
 * message's byte count, since each of its elements is in the message; computing the weights visits
 * each collection's elements once. Only collections and maps are weighed: a hash that recurses
 * through another class's fields (a record holding a set) is not followed.
 */
final class HashingBudget {

    static final long WEIGHT_PER_BYTE = 64;
    static final long WEIGHT_FLOOR = 1 << 20;

    private final long limit;
    /** The weight of each collection and map read so far; anything else weighs one. */
    private final Map<Object, Long> weights = new IdentityHashMap<>();

    HashingBudget(long messageBytes) {
        this.limit = Math.max(WEIGHT_FLOOR, WEIGHT_PER_BYTE * messageBytes);
    }

    /**
     * Weighs an object that has just been read, whose elements have all been weighed.
     *
     * @throws InvalidClassException if hashing it could take more than the message allows
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
        } else {
            return;
        }
        if (weight > limit) {
            throw new InvalidClassException(read.getClass().getName(), "deserialization filter rejected "
                    + "the message: collections that share their elements, whose hash would visit " + weight
                    + " elements (at most " + limit + " for a message of this size)");
        }
        weights.put(read, weight);
    }

    private long add(long weight, Object element) {
        Long known = element instanceof Collection || element instanceof Map ? weights.get(element) : null;
        return Math.min(Long.MAX_VALUE / 2, weight + (known == null ? 1 : known));
    }
}
