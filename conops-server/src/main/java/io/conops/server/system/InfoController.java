package io.conops.server.system;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/info}: the server's version, for {@code conops-ctl version}, and its host name. */
@RestController
class InfoController {
    private final HostProperties host;

    InfoController(HostProperties host) {
        this.host = host;
    }

    @GetMapping(path = "/api/v1/info", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> info() {
        String v = InfoController.class.getPackage().getImplementationVersion();
        return Map.of("version", v == null ? "development build" : v, "host_name", host.hostName());
    }
}
