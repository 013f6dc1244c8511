package io.conops.server.engine;

import io.conops.core.api.EngineView;
import io.conops.server.access.CurrentCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/engines}: each engine in use (ConOps' own first), whether it answers now, its
 * version, and its apps. Each engine is asked at once; one that does not answer is shown with why.
 */
@RestController
class EngineController {
    private final Engines engines;

    EngineController(Engines engines) {
        this.engines = engines;
    }

    @GetMapping(path = "/api/v1/engines", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EngineView> engines() {
        List<EngineView> out = new ArrayList<>();
        for (Map.Entry<Engine, List<String>> e : engines.inUse().entrySet()) {
            // a token limited to some apps does not learn the others' names
            out.add(view(
                    e.getKey(),
                    e.getValue().stream().filter(CurrentCaller::sees).toList()));
        }
        return out;
    }

    private static EngineView view(Engine engine, List<String> apps) {
        try {
            return new EngineView(engine.name(), true, engine.ready().docker().version(), null, apps);
        } catch (RuntimeException e) {
            return new EngineView(engine.name(), false, null, String.valueOf(e.getMessage()), apps);
        }
    }
}
