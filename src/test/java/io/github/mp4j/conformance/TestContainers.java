package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.DictProxy;
import io.github.mp4j.ListProxy;
import io.github.mp4j.Manager;
import io.github.mp4j.Namespace;
import io.github.mp4j.QueueProxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestContainers}: the manager's list, dict, namespace, nested in each other. */
class TestContainers {

    private static final String SNAPSHOT = "Iterating a proxy walks a snapshot taken in one call to the manager: "
            + "one round trip instead of one per element, and never a ConcurrentModificationException from "
            + "another process's change";

    @AutoClose
    private static final Manager manager = Children.manager();

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void testList() {
        ListProxy<Object> a = manager.list(range(10));
        assertEquals(range(10), a.copy());
        ListProxy<Object> b = manager.list();
        assertEquals(List.of(), b.copy());
        b.addAll(range(5));
        assertEquals(range(5), b.copy());
        assertEquals(2, b.get(2));
        assertEquals(List.of(2, 3, 4), new ArrayList<>(b.subList(2, 5)));
        b.addAll(b.copy()); // b *= 2
        assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4), b.copy());
        List<Object> plus = new ArrayList<>(b);
        plus.addAll(List.of(5, 6));
        assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6), plus);
        assertEquals(range(10), a.copy());

        ListProxy<ListProxy<Object>> e = manager.list(List.of(a, b));
        List<List<Object>> copies = new ArrayList<>();
        for (ListProxy<Object> element : e) {
            copies.add(element.copy());
        }
        assertEquals(List.of(range(10), List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4)), copies);

        ListProxy<ListProxy<Object>> f = manager.list(List.of(a));
        a.add("hello");
        List<Object> expected = new ArrayList<>(range(10));
        expected.add("hello");
        assertEquals(expected, f.get(0).copy());
    }

    @Test
    @Deliberate(SNAPSHOT)
    void testListIter() {
        ListProxy<Integer> a = manager.list(range(10));
        Iterator<Integer> it = a.iterator();
        List<Integer> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        assertEquals(range(10), all);
        assertFalse(it.hasNext());
        it = a.iterator();
        a.set(0, 100);
        assertEquals(0, it.next(), "the snapshot predates the change (CPython sees 100)");
        assertEquals(100, a.iterator().next());
    }

    @Test
    void testListProxyInList() {
        List<ListProxy<Integer>> inner = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inner.add(manager.list(range(3)));
        }
        ListProxy<ListProxy<Integer>> a = manager.list(inner);
        for (ListProxy<Integer> each : a) {
            assertEquals(List.of(0, 1, 2), each.copy());
        }
        a.get(0).set(2, 55);
        assertEquals(List.of(0, 1, 55), a.get(0).copy());
        for (int i = 1; i < 3; i++) {
            assertEquals(List.of(0, 1, 2), a.get(i).copy());
        }
        assertEquals(2, a.get(1).remove(2));
        assertEquals(2, a.get(1).size());
        assertEquals(3, a.get(0).size());
        assertEquals(3, a.get(2).size());

        ListProxy<Object> b = manager.list();
        b.add(b); // a list that holds itself: a proxy naming it, no endless copy
        assertEquals(1, b.size());
    }

    @Test
    void testDict() {
        DictProxy<Integer, String> d = manager.dict();
        List<Integer> indices = IntStream.range(65, 70).boxed().toList();
        Map<Integer, String> expected = new TreeMap<>();
        for (int i : indices) {
            d.put(i, String.valueOf((char) i));
            expected.put(i, String.valueOf((char) i));
        }
        assertEquals(expected, new TreeMap<>(d.copy()));
        assertEquals(indices, d.keySet().stream().sorted().toList());
        assertEquals(List.copyOf(expected.values()), d.values().stream().sorted().toList());
        assertEquals(List.copyOf(expected.entrySet()), d.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());
    }

    @Test
    @Deliberate(SNAPSHOT)
    void testDictIter() {
        DictProxy<Integer, String> d = manager.dict();
        List<Integer> indices = IntStream.range(65, 70).boxed().toList();
        for (int i : indices) {
            d.put(i, String.valueOf((char) i));
        }
        List<Integer> keys = new ArrayList<>();
        Iterator<Integer> it = d.keySet().iterator();
        it.forEachRemaining(keys::add);
        assertEquals(indices, keys.stream().sorted().toList());
        assertFalse(it.hasNext());
        it = d.keySet().iterator();
        d.clear();
        assertTrue(it.hasNext(), "the snapshot still holds the keys (CPython raises RuntimeError)");
        assertEquals(0, d.size());
    }

    @Test
    void testDictProxyNested() {
        DictProxy<String, Integer> pets = manager.dict(Map.of("ferrets", 2, "hamsters", 4));
        DictProxy<String, Integer> supplies = manager.dict(Map.of("water", 10, "feed", 3));
        DictProxy<String, DictProxy<String, Integer>> d = manager.dict(Map.of("pets", pets, "supplies", supplies));
        assertEquals(10, supplies.get("water"));
        assertEquals(10, d.get("supplies").get("water"));
        d.get("supplies").put("blankets", 5);
        assertEquals(5, supplies.get("blankets"));
        assertEquals(5, d.get("supplies").get("blankets"));
        d.get("supplies").put("water", 7);
        assertEquals(7, supplies.get("water"));
        assertEquals(7, d.get("supplies").get("water"));

        assertEquals(2, d.get("pets").get("ferrets"));
        d.get("supplies").put("blankets", 11);
        assertEquals(11, d.get("supplies").get("blankets"));

        DictProxy<String, Integer> petsAgain = d.get("pets");
        DictProxy<String, Integer> suppliesAgain = d.get("supplies");
        suppliesAgain.put("water", 7);
        assertEquals(7, suppliesAgain.get("water"));
        assertEquals(7, d.get("supplies").get("water"));
        d.clear();
        assertEquals(0, d.size());
        assertEquals(7, suppliesAgain.get("water"), "the inner dicts outlive their entries in d");
        assertEquals(4, petsAgain.get("hamsters"));

        ListProxy<DictProxy<String, Integer>> l = manager.list(List.of(petsAgain, suppliesAgain));
        l.get(0).put("marmots", 1);
        assertEquals(1, petsAgain.get("marmots"));
        assertEquals(1, l.get(0).get("marmots"));

        ListProxy<Object> outer = manager.list(List.of(List.of(88, 99), l));
        assertEquals(List.of(88, 99), outer.get(0), "a plain list stays a plain list");
        @SuppressWarnings("unchecked")
        ListProxy<DictProxy<String, Integer>> last = (ListProxy<DictProxy<String, Integer>>) outer.get(1);
        assertEquals(3, last.get(1).get("feed"));
    }

    @Test
    void testNestedQueue() throws Exception {
        ListProxy<QueueProxy<Integer>> a = manager.list();
        a.add(manager.queue());
        a.get(0).put(123);
        assertEquals(123, a.get(0).get());
        DictProxy<Integer, QueueProxy<Integer>> b = manager.dict();
        b.put(0, manager.queue());
        b.get(0).put(456);
        assertEquals(456, b.get(0).get());
    }

    @Test
    void testNamespace() {
        Namespace n = manager.namespace();
        n.set("name", "Bob");
        n.set("job", "Builder");
        n.set("_hidden", "hidden");
        assertEquals(List.of("Bob", "Builder"), List.of(n.<String>get("name"), n.<String>get("job")));
        n.delete("job");
        assertEquals("Namespace(name=Bob)", n.toString());
        assertTrue(n.has("name"));
        assertFalse(n.has("job"));
        assertEquals("'Namespace' object has no attribute 'job'",
                assertThrows(NoSuchElementException.class, () -> n.get("job")).getMessage());
    }
}
