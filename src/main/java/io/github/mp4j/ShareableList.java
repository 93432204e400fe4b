package io.github.mp4j;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list of fixed length whose items (integers, floating-point numbers, booleans, strings, byte
 * arrays and nulls) live in one named {@link SharedMemory} block, so every process that attaches
 * by name reads and writes the same items. Python's
 * {@code multiprocessing.shared_memory.ShareableList}, in its layout: Python attaches to a list
 * made here and the other way round.
 *
 * <pre>{@code
 * try (ShareableList list = ShareableList.create(List.of(100, 2.5, "pending", true))) {
 *     Process p = new Process(() -> {
 *         try (ShareableList same = ShareableList.attach(list.shm().name())) {   // Python: ShareableList(name=...)
 *             same.set(0, (Long) same.get(0) - 1);
 *             same.set(2, "done");
 *         }
 *     });
 *     p.start();
 *     p.join();
 *     System.out.println(list);        // ShareableList([99, 2.5, 'done', true], name='psm_...')
 *     list.shm().unlink();             // the creator unlinks
 * }
 * }</pre>
 *
 * <p>Each slot's type is fixed when the list is created, from its first item:
 * {@code Long}, {@code Integer}, {@code Short} and {@code Byte} make an integer slot (64 bits,
 * Python's {@code int}; {@link #get} returns a {@code Long}), {@code Double} and {@code Float} a
 * {@code double} slot ({@code Double}), {@code Boolean} a boolean slot, {@code String} a string
 * slot, {@code byte[]} a bytes slot, and {@code null} a slot that holds only null. A string or
 * byte array gets its UTF-8 length rounded up to the next multiple of 8 bytes (Python: 8 more than
 * its length rounded down), and never more: make the first string as long as the longest you will
 * store (Python's idiom, a string of spaces, does). Any other item type fails creation with
 * {@link IllegalArgumentException}. {@link #set} with a value of another type than its slot's fails
 * with {@link ClassCastException} (Python would change the slot's type when the value fits), and a
 * string or array longer than its slot with {@link IllegalArgumentException} (Python's
 * {@code ValueError}, "exceeds available storage"; Python measures a new string in characters,
 * not bytes, and can cut one short silently). Trailing NUL characters of a string are dropped, as
 * in Python.
 *
 * <p>Items are read and written without a lock, as in Python: guard read-then-write steps across
 * processes with a {@link Lock}. A list made through a {@link SharedMemoryManager} is unlinked when
 * the manager shuts down or its program dies; one made with {@link #create} follows
 * {@link SharedMemory}'s rule (the creator unlinks; its JVM does at normal exit). A
 * {@code ShareableList} is serializable by its block's name: the receiver attaches on arrival.
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, Serializable, AutoCloseable {

    /*
     * Layout (Python's, native byte order, every figure 8 bytes unless said):
     *   0                  n, the number of items
     *   8                  n + 1 offsets of the items into the data area; the first is 0
     *   8 (n + 2)          the data area: each item in its slot (8 bytes, or a string's length)
     *   ... + last offset  n packing formats of Python's struct module, 8 bytes each, NUL-padded:
     *                      "q" integer, "d" double, "xxxxxxx?" boolean, "xxxxxx?x" None, "<k>s" k bytes
     *   ... + 8 n          n one-byte codes: 0 as is, 1 str (UTF-8), 2 bytes, 3 None
     */

    private static final long serialVersionUID = 1L;
    private static final int WORD = 8;
    private static final String INTEGER = "q", DOUBLE = "d", BOOLEAN = "xxxxxxx?", NONE = "xxxxxx?x";
    private static final byte AS_IS = 0, STR = 1, BYTES = 2, NULL = 3;

    private final transient SharedMemory shm;
    private final transient int length;

    private ShareableList(SharedMemory shm) {
        this.shm = shm;
        ByteBuffer buf = view();
        long n = buf.getLong(0);
        long dataEnd = n < 0 || n > (shm.size() - 2 * WORD) / (2 * WORD + 1) ? -1 : buf.getLong(WORD * (int) (n + 1));
        if (dataEnd < 0 || dataEnd > shm.size() || WORD * (n + 2) + dataEnd + (WORD + 1) * n > shm.size()) {
            throw new IllegalArgumentException("shared memory " + shm.name() + " does not hold a ShareableList");
        }
        this.length = (int) n;
    }

    /**
     * A list of {@code items} in a new block with a random name. Python's
     * {@code ShareableList(sequence)}.
     *
     * @throws IllegalArgumentException for an item of a type other than those listed above
     * @throws IOException if the block cannot be created
     */
    public static ShareableList create(List<?> items) throws IOException {
        return make(items, SharedMemory::create);
    }

    /**
     * A list of {@code items} in a new block named {@code name}. Python's
     * {@code ShareableList(sequence, name=name)}.
     *
     * @throws IllegalArgumentException for an item of a type other than those listed above, or a
     *         bad name (see {@link SharedMemory#create(String, int)})
     * @throws java.nio.file.FileAlreadyExistsException if a block of that name exists
     * @throws IOException if the block cannot be created
     */
    public static ShareableList create(String name, List<?> items) throws IOException {
        Objects.requireNonNull(name, "name");
        return make(items, size -> SharedMemory.create(name, size));
    }

    /**
     * Attaches to the list in the existing block {@code name}, made here or by Python. Python's
     * {@code ShareableList(name=name)}.
     *
     * @throws java.nio.file.NoSuchFileException if no block has that name
     * @throws IllegalArgumentException if the block does not hold a list
     * @throws IOException if the block cannot be mapped
     */
    public static ShareableList attach(String name) throws IOException {
        SharedMemory shm = SharedMemory.attach(name);
        try {
            return new ShareableList(shm);
        } catch (IllegalArgumentException e) {
            shm.close();
            throw e;
        }
    }

    /** Makes the block (through {@code blocks}) and writes the list into it. */
    static ShareableList make(List<?> items, BlockMaker blocks) throws IOException {
        int n = items.size();
        String[] formats = new String[n];
        byte[] codes = new byte[n];
        long[] offsets = new long[n + 1];
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            byte[] bytes = item instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : item instanceof byte[] b ? b : null;
            formats[i] = bytes != null ? (WORD * (bytes.length / WORD + 1)) + "s" : formatOf(item);
            codes[i] = item instanceof String ? STR : item instanceof byte[] ? BYTES : item == null ? NULL : AS_IS;
            offsets[i + 1] = offsets[i] + slotLength(formats[i]);
        }
        long size = WORD * (n + 2L) + offsets[n] + (WORD + 1L) * n;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a ShareableList of " + size + " bytes is too large");
        }
        SharedMemory shm = blocks.make((int) size);
        ByteBuffer buf = shm.buf().order(ByteOrder.nativeOrder());
        buf.putLong(0, n);
        for (int i = 0; i <= n; i++) {
            buf.putLong(WORD * (i + 1), offsets[i]);
        }
        int formatsAt = WORD * (n + 2) + (int) offsets[n];
        for (int i = 0; i < n; i++) {
            buf.put(formatsAt + WORD * i, formats[i].getBytes(StandardCharsets.US_ASCII));
            buf.put(formatsAt + WORD * n + i, codes[i]);
        }
        ShareableList list = new ShareableList(shm);
        for (int i = 0; i < n; i++) {
            list.set(i, items.get(i));
        }
        return list;
    }

    /** How {@link #make} gets its block: on its own, or through a manager. */
    @FunctionalInterface
    interface BlockMaker {
        SharedMemory make(int size) throws IOException;
    }

    private static String formatOf(Object item) {
        if (item == null) {
            return NONE;
        }
        if (item instanceof Long || item instanceof Integer || item instanceof Short || item instanceof Byte) {
            return INTEGER;
        }
        if (item instanceof Double || item instanceof Float) {
            return DOUBLE;
        }
        if (item instanceof Boolean) {
            return BOOLEAN;
        }
        throw new IllegalArgumentException("a ShareableList holds integers, doubles, booleans, strings, byte[] and"
                + " null, not " + item.getClass().getName());
    }

    private static int slotLength(String format) {
        return format.endsWith("s") && !format.startsWith("x") ? Integer.parseInt(format.substring(0, format.length() - 1)) : WORD;
    }

    /* ---------------- the list ---------------- */

    /** The number of items, fixed at creation. Python's {@code len(list)}. */
    @Override
    public int size() {
        return length;
    }

    /**
     * The item at {@code index}: a {@code Long}, {@code Double}, {@code Boolean}, {@code String},
     * {@code byte[]} or null. Python's {@code list[index]}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     * @throws IllegalStateException "shared memory is closed" after {@link #close()}
     */
    @Override
    public Object get(int index) {
        Objects.checkIndex(index, length);
        ByteBuffer buf = view();
        int at = itemOffset(buf, index);
        String format = format(buf, index);
        return switch (format) {
            case INTEGER -> buf.getLong(at);
            case DOUBLE -> buf.getDouble(at);
            case BOOLEAN -> buf.get(at + WORD - 1) != 0;
            case NONE -> null;
            default -> {
                byte[] bytes = new byte[slotLength(format)];
                buf.get(at, bytes);
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] == 0) {
                    end--;
                }
                yield code(buf, index) == STR ? new String(bytes, 0, end, StandardCharsets.UTF_8) : Arrays.copyOf(bytes, end);
            }
        };
    }

    /**
     * Stores {@code value} at {@code index} and returns the item it replaces. Python's
     * {@code list[index] = value}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     * @throws ClassCastException if the slot holds another type (see the class comment)
     * @throws IllegalArgumentException "bytes/str item exceeds available storage" for a string or
     *         array longer (in UTF-8 bytes) than its slot
     * @throws IllegalStateException "shared memory is closed" after {@link #close()}
     */
    @Override
    public Object set(int index, Object value) {
        Object old = get(index);
        ByteBuffer buf = view();
        int at = itemOffset(buf, index);
        String format = format(buf, index);
        switch (format) {
            case INTEGER -> buf.putLong(at, ((Number) expect(value, format, Long.class, Integer.class, Short.class, Byte.class)).longValue());
            case DOUBLE -> buf.putDouble(at, ((Number) expect(value, format, Double.class, Float.class)).doubleValue());
            case BOOLEAN -> buf.put(at + WORD - 1, (byte) ((Boolean) expect(value, format, Boolean.class) ? 1 : 0));
            case NONE -> expect(value, format);
            default -> {
                boolean str = code(buf, index) == STR;
                byte[] bytes = str ? ((String) expect(value, format, String.class)).getBytes(StandardCharsets.UTF_8)
                        : (byte[]) expect(value, format, byte[].class);
                int slot = slotLength(format);
                if (bytes.length > slot) {
                    throw new IllegalArgumentException("bytes/str item exceeds available storage: " + bytes.length
                            + " bytes for a slot of " + slot);
                }
                buf.put(at, Arrays.copyOf(bytes, slot));
            }
        }
        return old;
    }

    /** Returns {@code value} if it is an instance of one of {@code types} (null only when there are none). */
    private static Object expect(Object value, String format, Class<?>... types) {
        if (value == null ? types.length == 0 : Arrays.stream(types).anyMatch(t -> t.isInstance(value))) {
            return value;
        }
        throw new ClassCastException(slotName(format, types) + " slot cannot hold "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static String slotName(String format, Class<?>... types) {
        return switch (format) {
            case INTEGER -> "an integer";
            case DOUBLE -> "a double";
            case BOOLEAN -> "a boolean";
            case NONE -> "a null";
            default -> types[0] == String.class ? "a string" : "a byte[]";
        };
    }

    /** How many items equal {@code value} ({@code byte[]} by content). Python's {@code count}. */
    public int count(Object value) {
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (Objects.deepEquals(get(i), value)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The first index whose item equals {@code value} ({@code byte[]} by content), or -1. Python's
     * {@code index}, which raises {@code ValueError} instead of -1.
     */
    @Override
    public int indexOf(Object value) {
        for (int i = 0; i < length; i++) {
            if (Objects.deepEquals(get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The block that holds the list. Python's {@code list.shm}. */
    public SharedMemory shm() {
        return shm;
    }

    /** The items' packing formats of Python's {@code struct}, joined: {@code "qd8s"}. Python's {@code format}. */
    public String format() {
        ByteBuffer buf = view();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < length; i++) {
            all.append(format(buf, i));
        }
        return all.toString();
    }

    /** Unmaps the block in this process ({@link SharedMemory#close()}); the name stays. */
    @Override
    public void close() {
        shm.close();
    }

    /** Python's form: {@code ShareableList([1, 2.5, 'abc'], name='psm_...')}. */
    @Override
    public String toString() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < length; i++) {
            Object item = get(i);
            items.append(i == 0 ? "" : ", ").append(item instanceof String ? "'" + item + "'"
                    : item instanceof byte[] b ? "b" + Arrays.toString(b) : item);
        }
        return "ShareableList([" + items + "], name='" + shm.name() + "')";
    }

    /* ---------------- the layout ---------------- */

    private ByteBuffer view() {
        return shm.buf().order(ByteOrder.nativeOrder());
    }

    private int itemOffset(ByteBuffer buf, int index) {
        return WORD * (length + 2) + (int) buf.getLong(WORD * (index + 1));
    }

    private int formatsOffset(ByteBuffer buf) {
        return WORD * (length + 2) + (int) buf.getLong(WORD * (length + 1));
    }

    private String format(ByteBuffer buf, int index) {
        byte[] raw = new byte[WORD];
        buf.get(formatsOffset(buf) + WORD * index, raw);
        int end = 0;
        while (end < WORD && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }

    private byte code(ByteBuffer buf, int index) {
        return buf.get(formatsOffset(buf) + WORD * length + index);
    }

    /* ---------------- travelling: by name ---------------- */

    private Object writeReplace() {
        return new InBlock(shm);
    }

    /** A list in flight: its block, which travels by name (the receiver attaches), and is read as a list on arrival. */
    private static final class InBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        private final SharedMemory shm;

        InBlock(SharedMemory shm) {
            this.shm = shm;
        }

        private Object readResolve() {
            return new ShareableList(shm);
        }
    }
}
