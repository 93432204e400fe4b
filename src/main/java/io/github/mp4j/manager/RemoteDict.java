package io.github.mp4j.manager;

import io.github.mp4j.DictProxy;
import io.github.mp4j.Update;
import io.github.mp4j.manager.SharedType.DictMethod;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The proxy of a dict: every {@link Map} method is one call, except a function-taking one given a
 * function that cannot travel, which runs {@link java.util.concurrent.ConcurrentMap}'s default
 * loop of calls here (see {@link DictProxy}); views are snapshots.
 */
@SuppressWarnings("unchecked")
final class RemoteDict<K, V> extends AbstractMap<K, V> implements DictProxy<K, V> {

    private static final long serialVersionUID = 1L;

    private final ProxyHandle handle;

    RemoteDict(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public V get(Object key) {
        return (V) handle.call(DictMethod.get, key);
    }

    @Override
    public V put(K key, V value) {
        return (V) handle.call(DictMethod.put, key, value);
    }

    @Override
    public V remove(Object key) {
        return (V) handle.call(DictMethod.remove, key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return (Boolean) handle.call(DictMethod.remove, key, value);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) handle.call(DictMethod.containsKey, key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) handle.call(DictMethod.containsValue, value);
    }

    @Override
    public int size() {
        return (Integer) handle.call(DictMethod.size);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        handle.call(DictMethod.clear);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        handle.call(DictMethod.putAll, new LinkedHashMap<>(m));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return (V) handle.call(DictMethod.putIfAbsent, key, value);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return (V) handle.call(DictMethod.getOrDefault, key, defaultValue);
    }

    @Override
    public V replace(K key, V value) {
        return (V) handle.call(DictMethod.replace, key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return (Boolean) handle.call(DictMethod.replace, key, oldValue, newValue);
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return fn instanceof Serializable ? (V) handle.call(DictMethod.compute, key, fn)
                : DictProxy.super.compute(key, fn);
    }

    @Override
    public V compute(K key, Remapping<? super K, ? super V, ? extends V> fn) {
        return compute(key, (BiFunction<? super K, ? super V, ? extends V>) fn);
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return fn instanceof Serializable ? (V) handle.call(DictMethod.computeIfPresent, key, fn)
                : DictProxy.super.computeIfPresent(key, fn);
    }

    @Override
    public V computeIfPresent(K key, Remapping<? super K, ? super V, ? extends V> fn) {
        return computeIfPresent(key, (BiFunction<? super K, ? super V, ? extends V>) fn);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> fn) {
        return fn instanceof Serializable ? (V) handle.call(DictMethod.computeIfAbsent, key, fn)
                : DictProxy.super.computeIfAbsent(key, fn);
    }

    @Override
    public V computeIfAbsent(K key, Mapping<? super K, ? extends V> fn) {
        return computeIfAbsent(key, (Function<? super K, ? extends V>) fn);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> fn) {
        return fn instanceof Serializable ? (V) handle.call(DictMethod.merge, key, value, fn)
                : DictProxy.super.merge(key, value, fn);
    }

    @Override
    public V merge(K key, V value, Remapping<? super V, ? super V, ? extends V> fn) {
        return merge(key, value, (BiFunction<? super V, ? super V, ? extends V>) fn);
    }

    @Override
    public V update(K key, Update<V> fn) {
        return (V) handle.call(DictMethod.update, key, fn);
    }

    @Override
    public Map<K, V> copy() {
        return (Map<K, V>) handle.call(DictMethod.copy);
    }

    @Override
    public Set<K> keySet() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>((List<K>) handle.call(DictMethod.keys)));
    }

    @Override
    public Collection<V> values() {
        return java.util.Collections.unmodifiableList((List<V>) handle.call(DictMethod.values));
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>((List<Entry<K, V>>) handle.call(DictMethod.items)));
    }

    @Override
    public String toString() {
        return (String) handle.call(DictMethod.toString);
    }
}
