package io.conops.ctl;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the CLI, and reading the server's answers into core's wire DTOs. */
final class Json {
    // a newer server may add a status or health value; show it as unknown rather than fail
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    private Json() {}

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    static <T> List<T> readList(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String pretty(JsonNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static CtlException unreadable(JacksonException e) {
        return new CtlException(ExitCodes.UNEXPECTED, "cannot read the server's answer: " + e.getOriginalMessage(), e);
    }
}
