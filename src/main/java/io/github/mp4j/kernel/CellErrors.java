package io.github.mp4j.kernel;

import io.github.mp4j.kernel.execution.CellInterrupted;
import io.github.mp4j.kernel.execution.CompilationException;
import io.github.mp4j.kernel.execution.EvaluationException;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import java.util.List;

/** How a failed cell is reported: the {@code error} message's name, value and traceback lines. */
final class CellErrors {

    private CellErrors() {}

    /**
     * Compile errors: {@code CompilationException}, the first problem, the marked source. Runtime
     * errors: the exception's class and message, the trimmed trace. Interrupts: {@code CellInterrupted}.
     * Anything else (a magic's exception): its class and message.
     */
    static PublishError describe(Throwable failure) {
        if (failure instanceof CompilationException e) {
            return new PublishError("CompilationException", e.getMessage(), e.report());
        }
        if (failure instanceof EvaluationException e) {
            return new PublishError(e.getCause().getClass().getName(),
                    String.valueOf(e.getCause().getMessage()), e.report());
        }
        if (failure instanceof CellInterrupted) {
            return new PublishError("CellInterrupted", "the cell was interrupted", List.of("Interrupted"));
        }
        String name = failure.getClass().getName();
        String message = String.valueOf(failure.getMessage());
        return new PublishError(name, message, List.of(name + ": " + message));
    }
}
