package io.github.mp4j.kernel.execution;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class file so that every method calls {@link CellStop#check()} on entry and before
 * every backward jump, which is what makes a busy loop in a cell interruptible on every Java
 * version (the JDK's own weaving exists only in newer {@code LocalExecutionControl}s and cannot be
 * combined with a custom loader and result capture, see the kernel facts).
 *
 * <p>The inserted call takes and leaves nothing on the operand stack and adds no branch target, so
 * the existing stack map frames stay valid and no frame computation (which would need to load
 * classes) is required.
 */
final class StopCheckWeaver {

    private static final String OWNER = CellStop.class.getName().replace('.', '/');

    private StopCheckWeaver() {}

    /** Returns the woven class file; {@code classFile} is not modified. */
    static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor,
                                             String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean hasCode = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
                return hasCode && next != null ? new Checks(next) : next;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the calls into one method body. */
    private static final class Checks extends MethodVisitor {
        /** Labels already passed: a jump to one of them goes backwards. */
        private final Set<Label> seen = new HashSet<>();

        Checks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
        }
    }
}
