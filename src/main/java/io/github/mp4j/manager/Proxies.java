package io.github.mp4j.manager;

import java.io.InterruptedIOException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Arrays;

/** Makes the proxy of a new shared object. */
public final class Proxies {

    private Proxies() {}

    /**
     * Creates an object of a built-in {@code type} in {@code store} and returns its proxy, typed as
     * the caller's variable.
     */
    @SuppressWarnings("unchecked")
    public static <T> T create(SharedStore store, SharedType type, Object... args) {
        ProxyHandle handle = new ProxyHandle(store, created(store, type.typeid(), args), type.typeid());
        Object proxy = switch (type) {
            case DICT -> new RemoteDict<>(handle);
            case LIST -> new RemoteList<>(handle);
            case NAMESPACE -> new RemoteValues.RemoteNamespace(handle);
            case VALUE -> new RemoteValues.RemoteValue<>(handle);
            case LOCK -> store instanceof RpcStore ? new MappedAcquirer(handle) : new RemoteAcquirer(handle);
            case RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE -> new RemoteAcquirer(handle);
            case CONDITION -> new RemoteAcquirer.RemoteCondition(handle);
            case EVENT -> new RemoteEvent(handle);
            case BARRIER -> new RemoteBarrier(handle);
            case QUEUE -> new RemoteQueue<>(handle);
        };
        return (T) proxy;
    }

    /**
     * Creates an object of a registered {@code typeid} and returns a proxy implementing
     * {@code type}, whose methods call the object's public methods of the same name.
     */
    public static <T> T createRegistered(SharedStore store, String typeid, Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface: a proxy can only implement"
                    + " interfaces; name an interface with the methods to call");
        }
        ProxyHandle handle = new ProxyHandle(store, created(store, typeid), typeid);
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(),
                new Class<?>[] {type}, new Calls(handle)));
    }

    private static long created(SharedStore store, String typeid, Object... args) {
        try {
            return store.create(typeid, args);
        } catch (Unreachable e) {
            throw ProxyHandle.unchecked(e);
        } catch (Exception e) {
            throw ProxyHandle.unexpected(e);
        }
    }

    /** The invocation handler of a registered type's proxy: each interface method is a call by name. */
    private static final class Calls implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;
        private final ProxyHandle handle;

        Calls(ProxyHandle handle) {
            this.handle = handle;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return args[0] != null && java.lang.reflect.Proxy.isProxyClass(args[0].getClass())
                                && java.lang.reflect.Proxy.getInvocationHandler(args[0]) instanceof Calls other
                                && other.handle.equals(handle);
                    case "hashCode":
                        return handle.hashCode();
                    default:
                        break;
                }
            }
            try {
                return handle.awaitNamed(method.getName(), args == null ? new Object[0] : args);
            } catch (InterruptedException e) {
                if (Arrays.asList(method.getExceptionTypes()).contains(InterruptedException.class)) {
                    throw e;
                }
                Thread.currentThread().interrupt();
                throw new java.io.UncheckedIOException(new InterruptedIOException(e.getMessage()));
            }
        }
    }
}
