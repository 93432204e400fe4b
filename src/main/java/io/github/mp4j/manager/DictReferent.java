package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.DictMethod;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A dict in the server: an insertion-ordered map; each call holds the map's lock. */
final class DictReferent implements Referent, Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<Object, Object> map = new LinkedHashMap<>();

    DictReferent(Map<?, ?> initial) {
        if (initial != null) {
            map.putAll(initial);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Object call(String method, Object[] a, Session session) {
        return switch ((DictMethod) SharedType.DICT.method(method)) {
            case get -> map.get(a[0]);
            case put -> map.put(a[0], a[1]);
            case remove -> a.length == 1 ? map.remove(a[0]) : (Object) map.remove(a[0], a[1]);
            case containsKey -> map.containsKey(a[0]);
            case containsValue -> map.containsValue(a[0]);
            case size -> map.size();
            case clear -> {
                map.clear();
                yield null;
            }
            case putAll -> {
                map.putAll((Map<?, ?>) a[0]);
                yield null;
            }
            case putIfAbsent -> map.putIfAbsent(a[0], a[1]);
            case getOrDefault -> map.getOrDefault(a[0], a[1]);
            case replace -> a.length == 2 ? map.replace(a[0], a[1]) : (Object) map.replace(a[0], a[1], a[2]);
            case compute -> map.compute(a[0], (BiFunction<Object, Object, Object>) a[1]);
            case computeIfPresent -> map.computeIfPresent(a[0], (BiFunction<Object, Object, Object>) a[1]);
            case computeIfAbsent -> map.computeIfAbsent(a[0], (Function<Object, Object>) a[1]);
            case merge -> map.merge(a[0], a[1], (BiFunction<Object, Object, Object>) a[2]);
            case update -> {
                Object updated = ((UnaryOperator<Object>) a[1]).apply(map.get(a[0]));
                map.put(a[0], updated);
                yield updated;
            }
            case copy -> new LinkedHashMap<>(map);
            case keys -> new ArrayList<>(map.keySet());
            case values -> new ArrayList<>(map.values());
            case items -> {
                ArrayList<Map.Entry<Object, Object>> items = new ArrayList<>(map.size());
                for (Map.Entry<Object, Object> e : map.entrySet()) {
                    items.add(new AbstractMap.SimpleImmutableEntry<>(e));
                }
                yield items;
            }
            case toString -> map.toString();
        };
    }
}
