package io.github.mp4j.notebook;

import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import io.github.mp4j.Process;
import io.github.mp4j.Progress;
import io.github.mp4j.Timeline;
import io.github.mp4j.display.ChildTable;
import io.github.mp4j.display.ClusterTable;
import io.github.mp4j.display.Comparison;
import io.github.mp4j.display.ManagerTable;
import io.github.mp4j.display.PoolTable;
import io.github.mp4j.display.ProcessTable;
import io.github.mp4j.display.ProgressBar;
import java.util.List;
import java.util.function.Function;

/**
 * How a notebook shows one of mp4j's types: {@code text/html} (static, so exported notebooks keep
 * it) beside a {@code text/plain} fallback, and for a live view the display id its outputs carry.
 * Each host registers these with its own renderer; the list is {@link #tables()}, plus
 * {@link #livePool} where the host follows pools.
 *
 * <pre>{@code
 * for (HtmlView<?> view : HtmlView.tables()) register(renderer, view);
 * }</pre>
 *
 * @param displayId the display id an output of a value carries, or null for none; called once
 *                  per rendering, before {@code html} and {@code text}
 */
public record HtmlView<T>(Class<T> type, Function<? super T, String> text, Function<? super T, String> html,
                          Function<? super T, String> displayId) {

    /** A view without a display id, whose text is {@code toString()}. */
    public static <T> HtmlView<T> of(Class<T> type, Function<? super T, String> html) {
        return new HtmlView<>(type, String::valueOf, html, value -> null);
    }

    /**
     * mp4j's types shown as tables (or a map's progress bar, or a timeline's picture) taken when
     * they are shown; a live progress bar carries its display id ({@link ProgressViews}).
     */
    public static List<HtmlView<?>> tables() {
        return List.of(
                of(Process.class, p -> ProcessTable.html(List.of(p))),
                of(PoolState.class, PoolTable::html),
                of(Comparison.class, Comparison::toHtml),
                of(ChildTable.class, ChildTable::toHtml),
                of(ManagerTable.class, ManagerTable::toHtml),
                of(ClusterTable.class, ClusterTable::toHtml),
                of(Progress.class, ProgressBar::html),
                of(Timeline.class, Timeline::toSvg),
                new HtmlView<>(ProgressViews.LiveProgress.class, String::valueOf,
                        live -> ProgressBar.html(live.progress()), ProgressViews.LiveProgress::displayId));
    }

    /**
     * A pool shown as its state table under a display id that {@code views} keeps current (see
     * {@link PoolViews}).
     */
    public static HtmlView<Pool> livePool(PoolViews views) {
        return new HtmlView<>(Pool.class, pool -> pool.state().toString(), pool -> PoolTable.html(pool.state()),
                pool -> views.track(pool, pool.state(), null));
    }
}
