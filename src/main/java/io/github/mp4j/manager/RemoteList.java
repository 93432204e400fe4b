package io.github.mp4j.manager;

import io.github.mp4j.ListProxy;
import io.github.mp4j.Update;
import io.github.mp4j.manager.SharedType.ListMethod;

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
        return (E) handle.call(ListMethod.get, index);
    }

    @Override
    public E set(int index, E element) {
        return (E) handle.call(ListMethod.set, index, element);
    }

    @Override
    public boolean add(E element) {
        return (Boolean) handle.call(ListMethod.add, element);
    }

    @Override
    public void add(int index, E element) {
        handle.call(ListMethod.add, index, element);
    }

    @Override
    public E remove(int index) {
        return (E) handle.call(ListMethod.removeAt, index);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) handle.call(ListMethod.remove, o);
    }

    @Override
    public int size() {
        return (Integer) handle.call(ListMethod.size);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) handle.call(ListMethod.contains, o);
    }

    @Override
    public int indexOf(Object o) {
        return (Integer) handle.call(ListMethod.indexOf, o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) handle.call(ListMethod.lastIndexOf, o);
    }

    @Override
    public void clear() {
        handle.call(ListMethod.clear);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) handle.call(ListMethod.addAll, new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return (Boolean) handle.call(ListMethod.addAll, index, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) handle.call(ListMethod.removeAll, new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) handle.call(ListMethod.retainAll, new ArrayList<>(c));
    }

    @Override
    public E update(int index, Update<E> fn) {
        return (E) handle.call(ListMethod.update, index, fn);
    }

    @Override
    public List<E> copy() {
        return (List<E>) handle.call(ListMethod.copy);
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
        return (String) handle.call(ListMethod.toString);
    }
}
