package io.github.mp4j.kernel.magics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leading {@code -x value} options of a magic's argument text, IPython style, and the text
 * after them ({@code %timeit -n 10 -r 3 list.sort(null)}: options n and r, rest
 * {@code list.sort(null)}). Parsing stops at the first word that is not a known option.
 */
record MagicOptions(Map<String, String> values, String rest) {

    private static final Pattern OPTION = Pattern.compile("^\\s*-(\\w+)(?:\\s+|$)");
    private static final Pattern VALUE = Pattern.compile("^(\\S+)(?:\\s+|$)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    /**
     * Parses {@code args}; every option in {@code known} takes one value.
     *
     * @throws IllegalArgumentException if an option lacks its value, with {@code usage} appended
     */
    static MagicOptions parse(String args, Set<String> known, String usage) {
        Map<String, String> values = new HashMap<>();
        String rest = args;
        for (Matcher m; (m = OPTION.matcher(rest)).find() && known.contains(m.group(1)); ) {
            rest = rest.substring(m.end());
            Matcher v = VALUE.matcher(rest);
            if (!v.find()) {
                throw new IllegalArgumentException("option -" + m.group(1) + " needs a value; usage: " + usage);
            }
            values.put(m.group(1), v.group(1));
            rest = rest.substring(v.end());
        }
        return new MagicOptions(values, rest.strip());
    }

    /**
     * Option {@code name} as a positive int, or {@code otherwise} when absent.
     *
     * @throws IllegalArgumentException if it is not a positive integer
     */
    int positive(String name, int otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-" + name + " needs a positive whole number, not '" + v + "'");
    }

    /**
     * Option {@code name} as a Java variable name, or null when absent.
     *
     * @throws IllegalArgumentException if it is not an identifier
     */
    String identifier(String name) {
        String v = values.get(name);
        if (v != null && !IDENTIFIER.matcher(v).matches()) {
            throw new IllegalArgumentException("-" + name + " needs a Java variable name, not '" + v + "'");
        }
        return v;
    }
}
