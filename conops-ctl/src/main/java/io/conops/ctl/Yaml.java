package io.conops.ctl;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * YAML in and out, in a class of its own so its library loads only when a command uses it ({@code -o
 * yaml}, a YAML app file): the other commands start without it.
 */
final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private Yaml() {}

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static JsonNode read(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new CtlException(ExitCodes.USAGE, source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }
}
