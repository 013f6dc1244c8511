package io.conops.server.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; the token it posts is checked by the UI's security chain, not here. */
@Controller
class LoginPage {
    @GetMapping("/ui/login")
    String login() {
        return "ui/login";
    }
}
