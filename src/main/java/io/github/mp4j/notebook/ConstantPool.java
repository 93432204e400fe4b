package io.github.mp4j.notebook;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the class names a class file's constant pool holds (JVMS 4.4), so that finding the
 * snippet classes a task reaches needs no bytecode library in a host kernel that lacks one.
 */
final class ConstantPool {

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private ConstantPool() {}

    /**
     * The internal names ({@code java/util/List}, {@code [Ljava/lang/String;}) of every
     * CONSTANT_Class entry of the class file {@code in} is positioned at the start of.
     *
     * @throws IOException if the file ends early or holds an unknown constant tag
     */
    static List<String> classNames(DataInputStream in) throws IOException {
        in.readInt();            // magic
        in.readUnsignedShort();  // minor version
        in.readUnsignedShort();  // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classEntries = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case UTF8 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                case CLASS -> classEntries.add(in.readUnsignedShort());
                case STRING, METHOD_TYPE, MODULE, PACKAGE -> in.readUnsignedShort();
                case METHOD_HANDLE -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case INTEGER, FLOAT, FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, DYNAMIC,
                        INVOKE_DYNAMIC -> in.readInt();
                case LONG, DOUBLE -> {
                    in.readLong();
                    i++; // an eight-byte constant takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        List<String> names = new ArrayList<>();
        for (int index : classEntries) {
            if (index <= 0 || index >= count || utf8[index] == null) {
                throw new IOException("a class entry names constant " + index + ", which is no UTF-8 entry");
            }
            names.add(utf8[index]);
        }
        return names;
    }
}
