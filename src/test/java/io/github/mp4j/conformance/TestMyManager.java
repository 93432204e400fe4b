package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.REMOTE_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.Manager;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestMyManager}: types registered on a manager, and its life in a try block. */
class TestMyManager {

    private static final String EXPOSED = "A registered type exposes exactly its public methods: there is no "
            + "`exposed` list, so CPython's Bar, which exposes its private _h, is a class whose h is public; "
            + "a proxy's call of a non-public method fails with RemoteError, as CPython's call of an "
            + "unexposed one";

    /** CPython's {@code FooBar}: {@code f} answers, {@code g} raises, {@code h} is private to the object. */
    public static class FooBar {
        public String f() {
            return "f()";
        }

        public void g() {
            throw new IllegalArgumentException("g");
        }

        String h() {
            return "_h()";
        }
    }

    /** CPython's Bar: {@code FooBar} with {@code h} exposed, which in Java means public. */
    public static class Bar extends FooBar {
        @Override
        public String h() {
            return super.h();
        }
    }

    /** The interface both proxies are made with; a call of a method the object hides fails. */
    public interface FooBarApi {
        String f();

        void g();

        String h();
    }

    /** CPython's {@code baz}: a generator of the squares below 100. */
    public static final class Squares implements Iterator<Integer> {
        private int i;

        @Override
        public boolean hasNext() {
            return i < 10;
        }

        @Override
        public Integer next() {
            int x = i++;
            return x * x;
        }
    }

    private static void register(Manager manager) {
        manager.register("Foo", FooBar::new);
        manager.register("Bar", Bar::new);
        manager.register("baz", Squares::new);
    }

    private static void common(Manager manager) {
        register(manager);
        FooBarApi foo = manager.create("Foo", FooBarApi.class);
        FooBarApi bar = manager.create("Bar", FooBarApi.class);
        @SuppressWarnings("unchecked")
        Iterator<Integer> baz = manager.create("baz", Iterator.class);

        assertEquals("f()", foo.f());
        assertRaises(VALUE_ERROR, foo::g);
        assertRaises(REMOTE_ERROR, foo::h);

        assertEquals("f()", bar.f());
        assertEquals("_h()", bar.h());

        List<Integer> squares = new ArrayList<>();
        while (baz.hasNext()) { // each call a round trip; forEachRemaining's consumer would have to travel
            squares.add(baz.next());
        }
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), squares);
    }

    private static void assertStopped(Manager manager) {
        FooBarApi gone = null;
        try {
            gone = manager.create("Foo", FooBarApi.class);
        } catch (IllegalStateException closed) {
            assertEquals("manager is closed", closed.getMessage());
        }
        if (gone != null) {
            assertThrows(UncheckedIOException.class, gone::f);
        }
    }

    @Test
    @Deliberate(EXPOSED)
    void testMymanager() throws Exception {
        Manager manager = Manager.start();
        common(manager);
        manager.shutdown();
        assertStopped(manager);
    }

    @Test
    @Deliberate(EXPOSED)
    void testMymanagerContext() throws Exception {
        Manager manager;
        try (Manager started = Manager.start()) {
            manager = started;
            common(started);
        }
        assertStopped(manager);
    }

    @Test
    @Deliberate(EXPOSED)
    void testMymanagerContextPrestarted() throws Exception {
        Manager manager = Manager.start();
        try (manager) {
            common(manager);
        }
        assertStopped(manager);
    }
}
