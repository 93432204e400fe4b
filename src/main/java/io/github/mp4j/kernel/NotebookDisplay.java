package io.github.mp4j.kernel;

import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import io.github.mp4j.notebook.PoolViews;
import io.github.mp4j.notebook.ProgressViews;
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
 *
 * <p>A {@link Pool} is shown live: each of its outputs carries a display id that
 * {@link PoolViews} updates while cells run (see there). A map that runs over a second gets a
 * progress bar that {@link ProgressViews} redraws.
 */
final class NotebookDisplay implements Display.Target {

    private final Renderer renderer;
    private final Supplier<CellOutput> output;
    private final PoolViews pools = new PoolViews(this::update);
    private final ProgressViews progress = new ProgressViews(this::show, this::update);

    /** @param output the kernel's output, null until the kernel is connected */
    NotebookDisplay(Renderer renderer, Supplier<CellOutput> output) {
        this.renderer = renderer;
        this.output = output;
    }

    /** The live pool outputs; the kernel tells them when cells start and end. */
    PoolViews pools() {
        return pools;
    }

    /** The progress bars; the kernel tells them when cells start and end. */
    ProgressViews progress() {
        return progress;
    }

    /**
     * The MIME bundle for {@code value}: the renderer's, or {@code "null"}. A pool's carries its
     * display id, so that the output it becomes stays live.
     */
    DisplayData render(Object value) {
        return render(value, null);
    }

    /** @param id the display id a pool is shown under; null for the pool's own */
    private DisplayData render(Object value, String id) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (value instanceof Pool pool) {
            PoolState state = pool.state();
            DisplayData data = new DisplayData(renderer.render(state));
            data.setDisplayId(pools.track(pool, state, id));
            return data;
        }
        return renderer.render(value);
    }

    @Override
    public void display(Object value, String id) {
        DisplayData data = new DisplayData(render(value, id));
        data.setDisplayId(id);
        publishDisplay(data);
    }

    /** Shows {@code value} as a new output of the running cell; a pool's output stays live. */
    void show(Object value) {
        publishDisplay(new DisplayData(render(value)));
    }

    private void publishDisplay(DisplayData data) {
        CellOutput out = connectedOutput();
        out.drain(); // text printed before the display comes before it
        out.publish(new PublishDisplayData(data));
    }

    @Override
    public void update(String id, Object value) {
        DisplayData data = new DisplayData(render(value, id));
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
