package io.conops.server.ui;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Errors of the pages are pages: what went wrong, and a way back (the API keeps its problem+json). */
// before the API's problem+json handlers, which would otherwise answer for the pages too
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackageClasses = UiErrors.class)
class UiErrors {
    @ExceptionHandler(ConopsException.class)
    String failed(ConopsException e, Model model, HttpServletResponse response) {
        HttpStatus status = e instanceof ApiProblem p ? p.status() : HttpStatus.BAD_GATEWAY;
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", e instanceof ApiProblem p ? p.title() : "Something failed");
        model.addAttribute("message", e.getMessage());
        return "ui/error";
    }
}
