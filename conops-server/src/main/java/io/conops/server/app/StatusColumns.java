package io.conops.server.app;

import io.conops.core.app.Condition;
import io.conops.core.app.HealStreak;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON columns of an app's status: the conditions that hold, and the self-heal streak. */
final class StatusColumns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatusColumns() {}

    @Converter
    static final class ConditionsConverter implements AttributeConverter<List<Condition>, String> {
        @Override
        public String convertToDatabaseColumn(List<Condition> conditions) {
            return conditions == null || conditions.isEmpty() ? null : JSON.writeValueAsString(conditions);
        }

        @Override
        public List<Condition> convertToEntityAttribute(String text) {
            return text == null || text.isBlank() ? List.of() : JSON.readValue(text, new TypeReference<>() {});
        }
    }

    @Converter
    static final class HealStreakConverter implements AttributeConverter<HealStreak, String> {
        @Override
        public String convertToDatabaseColumn(HealStreak streak) {
            return streak == null ? null : JSON.writeValueAsString(streak);
        }

        @Override
        public HealStreak convertToEntityAttribute(String text) {
            return text == null || text.isBlank() ? null : JSON.readValue(text, HealStreak.class);
        }
    }
}
