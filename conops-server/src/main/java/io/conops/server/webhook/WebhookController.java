package io.conops.server.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoints. Open to anonymous callers (see the security configuration): each delivery
 * is authenticated by its provider's signature over the raw body, which is why the body is read
 * here as bytes rather than bound as JSON.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
    /** The answer to a delivery: the apps whose sync it started. */
    record Answer(List<String> matched) {}

    private final WebhookReceiver receiver;

    WebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping({"/github", "/github/"})
    ResponseEntity<Answer> github(@RequestHeader HttpHeaders headers, HttpServletRequest request) throws IOException {
        return receive(Provider.GITHUB, headers, request);
    }

    @PostMapping({"/gitlab", "/gitlab/"})
    ResponseEntity<Answer> gitlab(@RequestHeader HttpHeaders headers, HttpServletRequest request) throws IOException {
        return receive(Provider.GITLAB, headers, request);
    }

    /** Gitea and Forgejo. */
    @PostMapping({"/gitea", "/gitea/"})
    ResponseEntity<Answer> gitea(@RequestHeader HttpHeaders headers, HttpServletRequest request) throws IOException {
        return receive(Provider.GITEA, headers, request);
    }

    @PostMapping({"/generic", "/generic/"})
    ResponseEntity<Answer> generic(@RequestHeader HttpHeaders headers, HttpServletRequest request) throws IOException {
        return receive(Provider.GENERIC, headers, request);
    }

    private ResponseEntity<Answer> receive(Provider provider, HttpHeaders headers, HttpServletRequest request)
            throws IOException {
        WebhookReceiver.Outcome outcome = receiver.receive(provider, headers, request.getInputStream());
        return ResponseEntity.status(outcome.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Answer(outcome.matched()));
    }

    /** A 401 names the header the signature belongs in, as the challenge a 401 must carry. */
    @ExceptionHandler(WebhookRefused.class)
    ResponseEntity<ProblemDetail> refused(WebhookRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle("Webhook refused");
        problem.setProperty("field", e.field());
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Webhook realm=\"conops\", header=\"" + e.field() + "\"");
        }
        return answer.body(problem);
    }
}
