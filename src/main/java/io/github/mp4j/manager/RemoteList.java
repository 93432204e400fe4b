package io.github.mp4j.manager;

import io.github.mp4j.ListProxy;
import io.github.mp4j.Update;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Spliterator;

/** The proxy of a list: every {@link List} method is one call; iteration works on a snapshot. */
@SuppressWarnings("unchecked")
final class RemoteList<E> extends AbstractList<E> implements ListProxy<E>, RandomAccess {

    private static final long serialVersionUID = 1L;

    private final ProxyHandle handle;

    RemoteList(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public E get(int index) {
        return (E) handle.call("get", index);
    }

    @Override
    public E set(int index, E element) {
        return (E) handle.call("set", index, element);
    }

    @Override
    public boolean add(E element) {
        return (Boolean) handle.call("add", element);
    }

    @Override
    public void add(int index, E element) {
        handle.call("add", index, element);
    }

    @Override
    public E remove(int index) {
        return (E) handle.call("removeAt", index);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) handle.call("remove", o);
    }

    @Override
    public int size() {
        return (Integer) handle.call("size");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) handle.call("contains", o);
    }

    @Override
    public int indexOf(Object o) {
        return (Integer) handle.call("indexOf", o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) handle.call("lastIndexOf", o);
    }

    @Override
    public void clear() {
        handle.call("clear");
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) handle.call("addAll", new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return (Boolean) handle.call("addAll", index, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) handle.call("removeAll", new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) handle.call("retainAll", new ArrayList<>(c));
    }

    @Override
    public E update(int index, Update<E> fn) {
        return (E) handle.call("update", index, fn);
    }

    @Override
    public List<E> copy() {
        return (List<E>) handle.call("copy");
    }

    @Override
    public Iterator<E> iterator() {
        return Collections.unmodifiableList(copy()).iterator();
    }

    @Override
    public Spliterator<E> spliterator() {
        return copy().spliterator();
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || copy().equals(o instanceof RemoteList<?> other ? other.copy() : o);
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }

    @Override
    public String toString() {
        return (String) handle.call("toString");
    }
}
