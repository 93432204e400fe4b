package io.github.mp4j.kernel;

import io.github.mp4j.notebook.HtmlView;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Registers mp4j's {@link HtmlView}s with a basekernel {@link Renderer}: the renderer of mp4j's
 * kernel and of IJava, which is built on the same basekernel.
 *
 * <pre>{@code
 * HtmlView.tables().forEach(view -> BasekernelViews.register(getRenderer(), view));
 * }</pre>
 */
public final class BasekernelViews {

    private BasekernelViews() {}

    /**
     * Renders values of {@code view}'s type (and its subtypes) as {@code text/html} and
     * {@code text/plain}, under the view's display id when it gives one.
     */
    public static <T> void register(Renderer renderer, HtmlView<T> view) {
        renderer.createRegistration(view.type())
                .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    String id = view.displayId().apply(value);
                    if (id != null) {
                        context.getOutputContainer().setDisplayId(id);
                    }
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> view.text().apply(value));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> view.html().apply(value));
                });
    }
}
