package io.conops.server.token;

import io.conops.core.api.CreateTokenRequest;
import io.conops.core.api.TokenView;
import io.conops.server.access.AccessDeniedProblem;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Token management: admin tokens that are not limited to apps only. */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
class TokenController {
    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping({"", "/"})
    List<TokenView> list() {
        AccessDeniedProblem.requireUnlimitedAdmin();
        return tokens.list();
    }

    @PostMapping(
            path = {"", "/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenView> create(@RequestBody CreateTokenRequest request) {
        AccessDeniedProblem.requireUnlimitedAdmin();
        TokenView created = tokens.create(request);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.name()))
                .body(created);
    }

    @DeleteMapping({"/{name}", "/{name}/"})
    ResponseEntity<Void> revoke(@PathVariable String name) {
        AccessDeniedProblem.requireUnlimitedAdmin();
        tokens.revoke(name);
        return ResponseEntity.noContent().build();
    }
}
