package io.conops.server.app;

import io.conops.core.api.DiffView;
import io.conops.core.api.ServiceView;
import io.conops.server.sync.LiveServices;
import io.conops.server.sync.Preview;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An app's live services and what its next sync would do; both read-only. */
@RestController
@RequestMapping(path = "/api/v1/apps", produces = MediaType.APPLICATION_JSON_VALUE)
class AppLiveController {
    private final AppService service;
    private final LiveServices live;
    private final Preview preview;

    AppLiveController(AppService service, LiveServices live, Preview preview) {
        this.service = service;
        this.live = live;
        this.preview = preview;
    }

    @GetMapping({"/{id}/services", "/{id}/services/"})
    List<ServiceView> services(@PathVariable String id) {
        return live.of(service.get(id));
    }

    @GetMapping({"/{id}/diff", "/{id}/diff/"})
    DiffView diff(@PathVariable String id) {
        return preview.diff(service.get(id));
    }
}
