package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.NamespaceMethod;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** A Namespace in the server: named values; each call holds its lock. */
final class NamespaceReferent implements Referent, Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values = new LinkedHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Object call(String method, Object[] a, Session session) {
        return switch ((NamespaceMethod) SharedType.NAMESPACE.method(method)) {
            case get -> {
                String name = (String) a[0];
                if (!values.containsKey(name)) {
                    throw missing(name);
                }
                yield values.get(name);
            }
            case set -> values.put((String) a[0], a[1]);
            case has -> values.containsKey((String) a[0]);
            case delete -> {
                if (!values.containsKey((String) a[0])) {
                    throw missing((String) a[0]);
                }
                yield values.remove((String) a[0]);
            }
            case update -> {
                Object updated = ((UnaryOperator<Object>) a[1]).apply(values.get((String) a[0]));
                values.put((String) a[0], updated);
                yield updated;
            }
            case toString -> {
                // Python's repr: sorted by name, without the names that start with '_'
                StringJoiner text = new StringJoiner(", ", "Namespace(", ")");
                new TreeMap<>(values).forEach((k, v) -> {
                    if (!k.startsWith("_")) {
                        text.add(k + "=" + v);
                    }
                });
                yield text.toString();
            }
        };
    }

    private static NoSuchElementException missing(String name) {
        return new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
    }
}
