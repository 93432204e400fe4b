package io.github.mp4j.manager;

import io.github.mp4j.Namespace;
import io.github.mp4j.Update;
import io.github.mp4j.ValueProxy;
import io.github.mp4j.manager.SharedType.NamespaceMethod;
import io.github.mp4j.manager.SharedType.ValueMethod;

/** The proxies of a Namespace and of a Value. */
final class RemoteValues {

    private RemoteValues() {}

    static final class RemoteNamespace implements Namespace {
        private static final long serialVersionUID = 1L;
        private final ProxyHandle handle;

        RemoteNamespace(ProxyHandle handle) {
            this.handle = handle;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(String name) {
            return (T) handle.call(NamespaceMethod.get, name);
        }

        @Override
        public void set(String name, Object value) {
            handle.call(NamespaceMethod.set, name, value);
        }

        @Override
        public boolean has(String name) {
            return (Boolean) handle.call(NamespaceMethod.has, name);
        }

        @Override
        public void delete(String name) {
            handle.call(NamespaceMethod.delete, name);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T update(String name, Update<T> fn) {
            return (T) handle.call(NamespaceMethod.update, name, fn);
        }

        @Override
        public String toString() {
            return (String) handle.call(NamespaceMethod.toString);
        }
    }

    static final class RemoteValue<T> implements ValueProxy<T> {
        private static final long serialVersionUID = 1L;
        private final ProxyHandle handle;

        RemoteValue(ProxyHandle handle) {
            this.handle = handle;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() {
            return (T) handle.call(ValueMethod.get);
        }

        @Override
        public void set(T value) {
            handle.call(ValueMethod.set, value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T update(Update<T> fn) {
            return (T) handle.call(ValueMethod.update, fn);
        }

        @Override
        public String toString() {
            return (String) handle.call(ValueMethod.toString);
        }
    }
}
