package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.ListMethod;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/** A list in the server; each call holds the list's lock. */
final class ListReferent implements Referent, Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Object> list = new ArrayList<>();

    ListReferent(Collection<?> initial) {
        if (initial != null) {
            list.addAll(initial);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Object call(String method, Object[] a, Session session) {
        return switch ((ListMethod) SharedType.LIST.method(method)) {
            case get -> list.get((Integer) a[0]);
            case set -> list.set((Integer) a[0], a[1]);
            case add -> {
                if (a.length == 1) {
                    yield list.add(a[0]);
                }
                list.add((Integer) a[0], a[1]);
                yield null;
            }
            case removeAt -> list.remove((int) (Integer) a[0]);
            case remove -> list.remove(a[0]);
            case size -> list.size();
            case contains -> list.contains(a[0]);
            case indexOf -> list.indexOf(a[0]);
            case lastIndexOf -> list.lastIndexOf(a[0]);
            case clear -> {
                list.clear();
                yield null;
            }
            case addAll -> a.length == 1 ? list.addAll((Collection<?>) a[0])
                    : (Object) list.addAll((Integer) a[0], (Collection<?>) a[1]);
            case removeAll -> list.removeAll((Collection<?>) a[0]);
            case retainAll -> list.retainAll((Collection<?>) a[0]);
            case update -> {
                int index = (Integer) a[0];
                Object updated = ((UnaryOperator<Object>) a[1]).apply(list.get(index));
                list.set(index, updated);
                yield updated;
            }
            case copy -> new ArrayList<>(list);
            case toString -> list.toString();
        };
    }
}
