/**
 * Getting classes that exist only in the parent's memory into a child, and the forms a task takes
 * on the way; nothing here is public API, and any of it may change without notice.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Class bytes.</b> {@link io.github.mp4j.shipping.ClassShipping} is the registry on both
 *     sides: in the parent it finds a class's bytes through the registered
 *     {@link io.github.mp4j.shipping.ClassBytesSource}s (JShell's,
 *     {@link io.github.mp4j.shipping.JShellClasses}) and the loaders of classes it has sent; in a
 *     child its {@link io.github.mp4j.shipping.ShippedClassLoader} asks the parent.
 *     {@code ClassFileUrls} serves in-memory classes as resources, for
 *     engines that read class files themselves (Ignite's peer class loading).
 * <li><b>Static state.</b> {@link io.github.mp4j.shipping.StaticStateSource} supplies the static
 *     field values a task must see (the notebook's top-level variables).
 * <li><b>Lambdas.</b> {@link io.github.mp4j.shipping.LambdaShape} splits a serializable lambda into
 *     its shape and captured values, and {@code DirectTask} runs one rebuilt
 *     from them without Java serialization.
 * </ul>
 */
package io.github.mp4j.shipping;
