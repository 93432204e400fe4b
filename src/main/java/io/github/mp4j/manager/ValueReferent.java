package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.ValueMethod;

import java.io.Serializable;
import java.util.function.UnaryOperator;

/** A Value in the server; each call holds its lock. */
final class ValueReferent implements Referent, Serializable {

    private static final long serialVersionUID = 1L;

    private Object value;

    ValueReferent(Object initial) {
        this.value = initial;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Object call(String method, Object[] a, Session session) {
        return switch ((ValueMethod) SharedType.VALUE.method(method)) {
            case get -> value;
            case set -> {
                value = a[0];
                yield null;
            }
            case update -> value = ((UnaryOperator<Object>) a[0]).apply(value);
            case toString -> "Value(" + value + ")";
        };
    }
}
