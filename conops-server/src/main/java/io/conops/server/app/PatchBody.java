package io.conops.server.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH body as Spring MVC receives it. Only a wrapper: with DEBUG logging Spring prints request
 * bodies via toString, and this one names the fields, never their values (which may be secrets).
 */
final class PatchBody {
    private final JsonNode json;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    PatchBody(JsonNode json) {
        this.json = json;
    }

    JsonNode json() {
        return json;
    }

    @Override
    public String toString() {
        return json != null && json.isObject() ? "PatchBody" + json.propertyNames() : "PatchBody[not an object]";
    }
}
