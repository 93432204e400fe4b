package io.github.mp4j.kernel;

import io.github.mp4j.kernel.runtime.Display;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import java.util.function.Supplier;

/**
 * The kernel side of {@link Display}: renders objects with basekernel's {@link Renderer} (magic
 * families register renderers for their types there, e.g. HTML for a pool) and publishes
 * {@code display_data}, {@code update_display_data} and {@code clear_output} through
 * {@link CellOutput}, from any thread.
 */
final class NotebookDisplay implements Display.Target {

    private final Renderer renderer;
    private final Supplier<CellOutput> output;

    /** @param output the kernel's output, null until the kernel is connected */
    NotebookDisplay(Renderer renderer, Supplier<CellOutput> output) {
        this.renderer = renderer;
        this.output = output;
    }

    /** The MIME bundle for {@code value}: the renderer's, or {@code "null"}. */
    DisplayData render(Object value) {
        return value == null ? new DisplayData("null") : renderer.render(value);
    }

    @Override
    public void display(Object value, String id) {
        DisplayData data = new DisplayData(render(value));
        data.setDisplayId(id);
        CellOutput out = connectedOutput();
        out.drain(); // text printed before the display comes before it
        out.publish(new PublishDisplayData(data));
    }

    @Override
    public void update(String id, Object value) {
        DisplayData data = new DisplayData(render(value));
        data.setDisplayId(id);
        connectedOutput().publish(new PublishUpdateDisplayData(data));
    }

    @Override
    public void clearOutput(boolean wait) {
        CellOutput out = connectedOutput();
        out.drain();
        out.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private CellOutput connectedOutput() {
        CellOutput out = output.get();
        if (out == null) {
            throw new IllegalStateException("the mp4j kernel is not connected to a frontend yet");
        }
        return out;
    }
}
