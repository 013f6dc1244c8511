package io.conops.server.ui;

import io.conops.server.app.AppService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: every app, its status at a glance, filters, and live updates (see {@link UiEvents}). */
@Controller
class AppsPage {
    private final AppService apps;
    private final Views views;

    AppsPage(AppService apps, Views views) {
        this.apps = apps;
        this.views = views;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/ui/apps";
    }

    @GetMapping({"/ui", "/ui/", "/ui/apps", "/ui/apps/"})
    String page(Model model) {
        model.addAttribute("rows", views.rows(apps.list()));
        return "ui/apps";
    }

    /** The table body alone: what the page fetches when the server says something changed. */
    @GetMapping("/ui/fragments/apps")
    String rows(Model model) {
        model.addAttribute("rows", views.rows(apps.list()));
        return "ui/apps :: rows";
    }
}
