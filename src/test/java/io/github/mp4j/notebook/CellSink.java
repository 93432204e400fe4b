package io.github.mp4j.notebook;

/** Where test cells leave what they computed: public, so that snippet classes can reach it. */
public final class CellSink {

    /** Set by a cell. */
    public static volatile Object value;

    private CellSink() {}
}
