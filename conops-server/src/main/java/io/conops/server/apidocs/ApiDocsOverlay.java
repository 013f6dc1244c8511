package io.conops.server.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Completes what springdoc reads from the controllers: one path per route (the trailing-slash twin
 * every route also answers to is left out), the words and examples of
 * {@code apidocs/openapi-overlay.yaml} merged in (objects merged key by key, anything else
 * replaced), and the errors every operation can answer with (401, 403; 404 on a path with a
 * name; 400 where there is input), each a problem+json.
 */
@Component
class ApiDocsOverlay implements OpenApiCustomizer {
    static final String OVERLAY = "/apidocs/openapi-overlay.yaml";

    private final JsonNode overlay;

    ApiDocsOverlay() {
        try (InputStream in = ApiDocsOverlay.class.getResourceAsStream(OVERLAY)) {
            this.overlay = Yaml31.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        dropTrailingSlashTwins(api);
        ObjectMapper json = Json31.mapper();
        ObjectNode tree = json.valueToTree(api);
        merge(tree, overlay);
        OpenAPI merged = json.convertValue(tree, OpenAPI.class);
        api.setInfo(merged.getInfo());
        api.setPaths(merged.getPaths());
        api.setComponents(merged.getComponents());
        api.setTags(merged.getTags());
        api.setSecurity(merged.getSecurity());
        addErrors(api);
    }

    private static void dropTrailingSlashTwins(OpenAPI api) {
        Paths paths = api.getPaths();
        if (paths != null) {
            paths.keySet()
                    .removeIf(p ->
                            p.length() > 1 && p.endsWith("/") && paths.containsKey(p.substring(0, p.length() - 1)));
        }
    }

    /**
     * Objects merge key by key; a null removes the key; an object with a {@code $ref} replaces what
     * was there (a reference has no siblings to keep); lists of named objects (parameters, tags)
     * merge by name; anything else replaces.
     */
    static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            JsonNode there = into.get(key);
            if (value.isNull()) {
                into.remove(key);
            } else if (there instanceof ObjectNode target && value.isObject() && !value.has("$ref")) {
                merge(target, value);
            } else if (there instanceof ArrayNode list && named(value) && named(list)) {
                mergeByName(list, value);
            } else {
                into.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeByName(ArrayNode into, JsonNode from) {
        for (JsonNode item : from) {
            ObjectNode match = null;
            for (JsonNode existing : into) {
                if (existing.get("name").asText().equals(item.get("name").asText())) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                into.add(item.deepCopy());
            } else {
                merge(match, item);
            }
        }
    }

    private static boolean named(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return false;
        }
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    private static void addErrors(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                    boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
                    if (!open) {
                        responses.putIfAbsent("401", ref("Unauthorized"));
                        responses.putIfAbsent("403", ref("Forbidden"));
                    }
                    if (path.contains("{")) {
                        responses.putIfAbsent("404", ref("NotFound"));
                    }
                    if (hasInput(op, method)) {
                        responses.putIfAbsent("400", ref("BadRequest"));
                    }
                    op.setResponses(responses);
                }));
    }

    private static boolean hasInput(Operation op, PathItem.HttpMethod method) {
        return op.getRequestBody() != null
                || (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> !"path".equals(p.getIn())));
    }

    private static ApiResponse ref(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }
}
