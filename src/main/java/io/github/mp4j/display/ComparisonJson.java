package io.github.mp4j.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Comparison} as JSON and back, with Jackson. The only class of the display package that
 * names Jackson's types: Jackson is an optional dependency, loaded only when JSON is asked for.
 */
final class ComparisonJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparisonJson() {}

    /** See {@link Comparison#toJson()}. */
    static String write(Comparison c) {
        ObjectNode root = JSON.createObjectNode().put("unit", "ns");
        ArrayNode list = root.putArray("sections");
        for (Comparison.Section s : c.sections()) {
            ObjectNode o = list.addObject().put("label", s.label());
            s.nanos().forEach(o.putArray("samples")::add);
            o.put("min", s.min()).put("median", s.median()).put("max", s.max()).put("ratio", c.ratio(s));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain values always serializes
        }
    }

    /** See {@link Comparison#fromJson(String)}. */
    static Comparison read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Comparison.Section> sections = new ArrayList<>();
            for (JsonNode s : root.path("sections")) {
                List<Long> samples = new ArrayList<>();
                s.path("samples").forEach(n -> samples.add(n.asLong()));
                sections.add(new Comparison.Section(s.path("label").asText(), samples));
            }
            return new Comparison(sections);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a comparison: " + e.getOriginalMessage(), e);
        }
    }
}
