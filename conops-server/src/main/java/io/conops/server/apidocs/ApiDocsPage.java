package io.conops.server.apidocs;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The browsable description in the web UI: Swagger UI at {@code /ui/api-docs}, reading the same
 * document as {@code /v3/api-docs} through the web UI's session (a browser has no bearer token to
 * send; "Authorize" on the page takes one for "Try it out").
 */
@Controller
class ApiDocsPage {
    private final OpenApiWebMvcResource docs;

    ApiDocsPage(OpenApiWebMvcResource docs) {
        this.docs = docs;
    }

    @GetMapping({"/ui/api-docs", "/ui/api-docs/"})
    String page() {
        return "forward:/ui/api-docs/index.html";
    }

    @GetMapping(path = "/ui/api-docs/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> document(HttpServletRequest request, Locale locale) throws Exception {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(docs.openapiJson(request, "/v3/api-docs", locale));
    }
}
