package io.github.mp4j.kernel.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * Completion, documentation lookup and completeness checks for cell code, on JShell's analysis.
 * A cell may hold several snippets; each request is answered for the snippet under the cursor.
 * Offsets are character indexes into the whole cell.
 */
public final class CodeAnalysis {

    /** Replacements for {@code [start, end)} of the cell; empty when nothing fits. */
    public record Completions(List<String> matches, int start, int end) {}

    /** Whether a cell can run as typed: "complete", "incomplete", or "invalid". */
    public enum Status { COMPLETE, INCOMPLETE, INVALID }

    private final SourceCodeAnalysis analysis;

    CodeAnalysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Completions for the identifier or member access that ends at {@code cursor}. */
    public Completions complete(String cell, int cursor) {
        int start = snippetStart(cell, cursor);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(
                cell.substring(start, cursor), cursor - start, anchor);
        // Suggestions that fit the expected type first, then the rest; each once.
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(new ArrayList<>(matches), start + anchor[0], cursor);
    }

    /**
     * The signatures and, where the JDK's sources are available, the Javadoc of what the
     * identifier at {@code cursor} names; null when nothing is known.
     */
    public String inspect(String cell, int cursor) {
        int end = cursor;
        while (end < cell.length() && Character.isJavaIdentifierPart(cell.charAt(end))) {
            end++;
        }
        int start = snippetStart(cell, end);
        String code = cell.substring(start, end);
        // Methods are only found with an opening parenthesis after their name.
        List<Documentation> docs = code.endsWith("(") ? List.of()
                : analysis.documentation(code + "(", code.length() + 1, true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(code, code.length(), true);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation d : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append("\n").append(d.javadoc().strip());
            }
        }
        return text.toString();
    }

    /**
     * Whether {@code cell} is complete Java. Only the tokens are looked at, so code that is
     * well-formed but does not compile ({@code int 3x = 1;}) counts as complete.
     */
    public Status isComplete(String cell) {
        String remaining = cell;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return Status.INCOMPLETE;
            }
            if (c == Completeness.UNKNOWN) {
                return Status.INVALID;
            }
            if (c == Completeness.EMPTY || info.remaining().length() >= remaining.length()) {
                break;
            }
            remaining = info.remaining();
        }
        return Status.COMPLETE;
    }

    /** Where the snippet that contains {@code cursor} begins. */
    private int snippetStart(String cell, int cursor) {
        int start = 0;
        while (start < cursor) {
            CompletionInfo info = analysis.analyzeCompletion(cell.substring(start, cursor));
            boolean complete = info.completeness().isComplete();
            String rest = info.remaining();
            if (!complete || rest.isBlank()) {
                break;
            }
            int next = cursor - rest.length();
            if (next <= start) {
                break;
            }
            start = next;
        }
        while (start < cursor && Character.isWhitespace(cell.charAt(start))) {
            start++;
        }
        return start;
    }
}
