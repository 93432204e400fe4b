package io.github.mp4j.kernel.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %%compare [-n repeat] [-o name]}: times labeled sections of one cell side by side and
 * shows a {@link io.github.mp4j.display.Comparison} (table and bar chart).
 *
 * <pre>
 * %%compare -n 3
 * int[] data = new Random(1).ints(1_000_000).toArray();   // setup: runs once, not timed
 * //: sort
 * Arrays.sort(data.clone());
 * //: parallel sort
 * Arrays.parallelSort(data.clone());
 * </pre>
 *
 * <p>A line {@code //: label} starts a section; lines before the first label are setup, run once
 * as an ordinary cell (its declarations stay). Each section is compiled once as a lambda, and
 * all of them run {@code repeat} times (default 5), interleaved, on the cell's thread, through
 * {@link io.github.mp4j.kernel.runtime.Timing#compare}. The result is the cell's value; it is also
 * {@code Timing.lastComparison()}, and with {@code -o name} the top-level variable {@code name}.
 * Error locations name the cell's own lines.
 */
public final class CompareMagic {

    private static final Pattern LABEL = Pattern.compile("^\\s*//:(.*)$");
    private static final String USAGE = "%%compare [-n repeat] [-o name], then sections that each start with a line //: label";
    private static final int DEFAULT_REPEAT = 5;

    private CompareMagic() {}

    /** Registers {@code %%compare}; {@code runner} runs cell text in the kernel's session. */
    public static void register(MagicRegistry registry, LoadMagic.Runner runner) {
        registry.cell("compare", (args, body) -> {
            Plan plan = plan(args, body);
            if (!plan.setup().isBlank()) {
                runner.run(plan.setup());
            }
            return runner.run(plan.compare());
        });
    }

    /** The setup cell text and the comparison cell text, both laid out on the cell's own lines. */
    record Plan(String setup, String compare) {}

    static Plan plan(String args, String body) {
        MagicOptions o = MagicOptions.parse(args, Set.of("n", "o"), USAGE);
        if (!o.rest().isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + o.rest() + "'; usage: " + USAGE);
        }
        int repeat = o.positive("n", DEFAULT_REPEAT);
        String name = o.identifier("o");
        String[] lines = body.split("\n", -1);
        List<String> labels = new ArrayList<>();
        // Line 1 of the cell is the %%compare line, so body line i is cell line i + 2 in both texts.
        List<String> setup = new ArrayList<>(List.of(""));
        List<String> sections = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LABEL.matcher(line);
            if (m.matches()) {
                String label = m.group(1).strip();
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("a //: line needs a label after it; usage: " + USAGE);
                }
                if (labels.contains(label)) {
                    throw new IllegalArgumentException("two sections are labeled '" + label + "'");
                }
                sections.add(labels.isEmpty() ? "() -> {" : ";}, () -> {");
                labels.add(label);
            } else if (labels.isEmpty()) {
                setup.add(line);
                sections.add("");
            } else {
                sections.add(line);
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no sections to compare; usage: " + USAGE);
        }
        StringBuilder header = new StringBuilder(name == null ? "" : "var " + name + " = ");
        header.append(TimingMagics.TIMING).append(".compare(").append(repeat).append(", new String[] {");
        for (int i = 0; i < labels.size(); i++) {
            header.append(i == 0 ? "" : ", ").append(MagicParser.javaString(labels.get(i)));
        }
        header.append("}, new ").append(TimingMagics.TIMING).append(".Code[] {");
        String compare = header + "\n" + String.join("\n", sections) + "\n;}})" + (name == null ? "" : ";\n" + name);
        return new Plan(String.join("\n", setup), compare);
    }
}
