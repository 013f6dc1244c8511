package io.conops.server.app;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Duration;

/** Stores a Duration as milliseconds: the one column type H2 and PostgreSQL agree on. */
@Converter
class DurationMillisConverter implements AttributeConverter<Duration, Long> {
    @Override
    public Long convertToDatabaseColumn(Duration d) {
        return d == null ? null : d.toMillis();
    }

    @Override
    public Duration convertToEntityAttribute(Long ms) {
        return ms == null ? null : Duration.ofMillis(ms);
    }
}
