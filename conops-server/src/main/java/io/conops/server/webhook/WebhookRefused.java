package io.conops.server.webhook;

import io.conops.core.ConopsException;
import org.springframework.http.HttpStatus;

/**
 * A delivery refused with nothing queued. The message is the answer's detail, for the sender; the
 * reason is the log's, for the operator, and may say more (which apps matched, which had no secret).
 */
final class WebhookRefused extends ConopsException {
    private final HttpStatus status;
    private final String field;
    private final String reason;

    private WebhookRefused(HttpStatus status, String field, String detail, String reason) {
        super(field + ": " + detail);
        this.status = status;
        this.field = field;
        this.reason = reason;
    }

    static WebhookRefused unauthorized(String header, String detail, String reason) {
        return new WebhookRefused(HttpStatus.UNAUTHORIZED, header, detail, reason);
    }

    static WebhookRefused badRequest(String field, String detail) {
        return new WebhookRefused(HttpStatus.BAD_REQUEST, field, detail, field + ": " + detail);
    }

    static WebhookRefused tooLarge(long limit) {
        String detail = "webhook bodies are limited to " + limit / 1024 + " KiB";
        return new WebhookRefused(HttpStatus.CONTENT_TOO_LARGE, "body", detail, detail);
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }
}
