package io.conops.server.apidocs;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An OpenAPI 3.1 document read for the checks: references resolved, schemas turned into validators. */
record Contract(JsonNode doc) {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Follows a local {@code $ref} (components), or gives the node itself. */
    JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String[] parts = node.get("$ref").asString().substring(2).split("/");
            JsonNode target = doc;
            for (String p : parts) {
                target = target.path(p);
            }
            node = target;
        }
        return node;
    }

    /** What the value breaks of the schema (which may refer to the document's components); empty when valid. */
    List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode root = schema.deepCopy() instanceof ObjectNode o ? o : null;
        if (root == null) {
            return List.of("not a schema: " + schema);
        }
        root.set("components", doc.get("components"));
        Schema validator = SCHEMAS.getSchema(root.toString());
        return validator.validate(value).stream().map(Error::toString).toList();
    }

    /** Every operation: (method and path, operation). */
    void operations(BiConsumer<String, JsonNode> each) {
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                each.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }
    }

    /** Every media type of every response and request body, with where it is. */
    List<Map.Entry<String, JsonNode>> mediaTypes() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        operations((where, op) -> {
            for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
                resolve(r.getValue())
                        .path("content")
                        .properties()
                        .forEach(m -> out.add(Map.entry(where + " " + r.getKey() + " " + m.getKey(), m.getValue())));
            }
            resolve(op.path("requestBody"))
                    .path("content")
                    .properties()
                    .forEach(m -> out.add(Map.entry(where + " body " + m.getKey(), m.getValue())));
        });
        return out;
    }
}
