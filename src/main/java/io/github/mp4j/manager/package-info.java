/**
 * The machinery behind {@link io.github.mp4j.Manager}; nothing here is public API.
 *
 * <h2>Implementation overview</h2>
 * Three layers, each replaceable on its own:
 * <ul>
 * <li><b>Proxies</b> ({@code RemoteDict}, {@code RemoteList}, {@code RemoteAcquirer}, ..., and the
 *     dynamic proxies of registered types made by {@link io.github.mp4j.manager.Proxies}) implement
 *     the public interfaces. Each holds a {@link io.github.mp4j.manager.ProxyHandle}: a
 *     {@link io.github.mp4j.manager.SharedStore}, an object id and a type. They know nothing of sockets.
 * <li><b>Store</b>: {@link io.github.mp4j.manager.SharedStore} is what proxies call ("create",
 *     "call method m of object id"). {@link io.github.mp4j.manager.RpcStore} implements it by
 *     encoding each call as one request frame ({@code Requests}) and sending it over this thread's
 *     authenticated connection ({@code Channels}: one {@link io.github.mp4j.Client} connection per
 *     thread per process, made lazily, dropped on failure), or straight to the handler when the
 *     server runs in the same JVM. {@code io.github.mp4j.cluster.IgniteStore} implements the same
 *     interface on an Ignite cluster and reuses the proxies, and the data objects' referents
 *     ({@link io.github.mp4j.manager.DataObjects}) and the RLock/Condition calls
 *     ({@link io.github.mp4j.manager.ConditionCalls}) with them.
 * <li><b>Server</b>: {@link io.github.mp4j.manager.RpcServer} accepts authenticated connections on a
 *     {@link io.github.mp4j.Listener} and serves each with one thread ({@code Session}); the
 *     {@code RequestHandler} decodes a request and runs it against {@code Referents}, the table of
 *     shared objects, each a {@code Referent} that finds the called method in its type's row of
 *     {@link io.github.mp4j.manager.SharedType} and answers it in a switch over that type's methods.
 *     Data objects make every call atomic under their own monitor; locks, conditions, events,
 *     barriers and queues block only the calling connection's thread.
 * </ul>
 * <b>One table</b> declares what crosses these layers: {@link io.github.mp4j.manager.SharedType}
 * names each built-in type once and lists the methods its proxy calls, each an enum constant
 * ({@code handle.call(DictMethod.get, key)}). {@code Manager}'s factories, {@link
 * io.github.mp4j.manager.Proxies}, {@code Referents}, {@link io.github.mp4j.manager.DataObjects} and
 * the cluster store ({@code IgniteStore}'s id codes, {@code ClusterSync}'s objects) all read it, and
 * every object answers its methods in a switch expression without {@code default}, so javac refuses
 * an object that misses a method its proxy may call; {@code SharedTypesTest} drives every proxy
 * method against both stores. A request carries the type's and the method's names as strings.
 * Adding a method means a constant, a proxy method and a case in each store's object; adding a
 * type, a row and its objects.
 *
 * <p>{@link io.github.mp4j.manager.ServerProcess} runs a server in a child JVM
 * ({@link io.github.mp4j.manager.ServerTask}); the server resolves classes of received functions and
 * values through the child's shipped-class loader, so JShell classes come from the parent.
 */
package io.github.mp4j.manager;
