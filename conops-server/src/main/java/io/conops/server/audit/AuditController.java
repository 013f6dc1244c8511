package io.conops.server.audit;

import io.conops.core.api.AuditEntryView;
import io.conops.core.app.InvalidSpecException;
import io.conops.server.access.AccessDeniedProblem;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first: admin tokens only (the security chain and here, for app limits). */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {
    static final int MAX = 1000;
    private final AuditRepository entries;

    AuditController(AuditRepository entries) {
        this.entries = entries;
    }

    @GetMapping({"", "/"})
    List<AuditEntryView> list(
            @RequestParam(name = "app", required = false) String app,
            @RequestParam(name = "limit", defaultValue = "100") String limit) {
        AccessDeniedProblem.requireUnlimitedAdmin();
        PageRequest page = PageRequest.of(0, limit(limit));
        List<AuditEntity> found = app == null || app.isBlank()
                ? entries.findAllByOrderByIdDesc(page)
                : entries.findByAppOrderByIdDesc(app, page);
        return found.stream()
                .map(e -> new AuditEntryView(
                        e.getId(),
                        e.getAt(),
                        e.getTokenName(),
                        e.getRemoteAddr(),
                        e.getAction(),
                        e.getApp(),
                        e.getTarget(),
                        e.getOutcome()))
                .toList();
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSpecException("limit", "must be a whole number from 1 to " + MAX);
    }
}
