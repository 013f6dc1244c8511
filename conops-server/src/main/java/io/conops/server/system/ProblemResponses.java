package io.conops.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes an application/problem+json answer from a filter, where no controller advice reaches. */
public final class ProblemResponses {
    private ProblemResponses() {}

    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        write(response, status, detail, Map.of());
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail, Map<String, ?> extra)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonMapper.shared().writeValue(response.getOutputStream(), body);
    }
}
