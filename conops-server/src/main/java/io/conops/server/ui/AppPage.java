package io.conops.server.ui;

import io.conops.core.ConopsException;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.sync.AppActions;
import io.conops.server.sync.Deployments;
import io.conops.server.sync.LiveServices;
import io.conops.server.sync.Preview;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * One app: spec and status, conditions, services, the next sync's diff, the history with its
 * transcripts, the logs; and what can be done to it (sync, edit, delete).
 */
@Controller
class AppPage {
    private static final int HISTORY = 20;

    private final AppService apps;
    private final Views views;
    private final LiveServices live;
    private final Preview preview;
    private final Deployments deployments;
    private final AppActions actions;

    AppPage(
            AppService apps,
            Views views,
            LiveServices live,
            Preview preview,
            Deployments deployments,
            AppActions actions) {
        this.apps = apps;
        this.views = views;
        this.live = live;
        this.preview = preview;
        this.deployments = deployments;
        this.actions = actions;
    }

    @GetMapping({"/ui/apps/{name}", "/ui/apps/{name}/"})
    String page(@PathVariable String name, Model model) {
        AppEntity app = apps.find(name);
        current(app, model);
        nextSync(app, model);
        return "ui/app";
    }

    /**
     * The next sync's diff alone, fetched apart from the rest when the app changed: it asks Git for
     * the head and may render a commit, so a slow repository never holds up the status.
     */
    @GetMapping("/ui/fragments/apps/{name}/diff")
    String diffFragment(@PathVariable String name, Model model) {
        nextSync(apps.find(name), model);
        return "ui/app :: diff";
    }

    private void nextSync(AppEntity app, Model model) {
        try {
            model.addAttribute("diff", preview.diff(app));
        } catch (ConopsException e) {
            model.addAttribute("diffError", e.getMessage());
        }
    }

    /** Status, services and history alone: what the page fetches when the server says the app changed. */
    @GetMapping("/ui/fragments/apps/{name}")
    String fragment(@PathVariable String name, Model model) {
        current(apps.find(name), model);
        return "ui/app :: live";
    }

    private void current(AppEntity app, Model model) {
        model.addAttribute("row", views.row(app));
        model.addAttribute("app", views.row(app).app());
        try {
            model.addAttribute("services", live.of(app));
        } catch (ConopsException e) {
            model.addAttribute("servicesError", e.getMessage());
        }
        model.addAttribute(
                "history",
                deployments.recent(app.getId(), HISTORY).stream()
                        .map(d -> new HistoryRow(d, deployments.services(d), views.now()))
                        .toList());
    }

    @PostMapping("/ui/apps/{name}/sync")
    String sync(
            @PathVariable String name,
            @RequestParam(name = "back", required = false) String back,
            RedirectAttributes redirect) {
        AppEntity app = apps.find(name);
        actions.syncNow(app);
        redirect.addFlashAttribute("notice", "Sync of " + app.getName() + " requested.");
        return "dashboard".equals(back) ? "redirect:/ui/apps" : "redirect:" + path(app);
    }

    /** Redeploys a recorded deployment and pins the app there (see AppActions#rollback). */
    @PostMapping("/ui/apps/{name}/rollback")
    String rollback(
            @PathVariable String name,
            @RequestParam(name = "deployment_id") long deploymentId,
            RedirectAttributes redirect) {
        AppEntity app = apps.find(name);
        String commit = actions.rollback(app, deploymentId, null);
        redirect.addFlashAttribute(
                "notice",
                "Rolling " + app.getName() + " back to " + commit.substring(0, 7)
                        + "; pinned: new commits are recorded, not deployed, until you unpin.");
        return "redirect:" + path(app);
    }

    @PostMapping("/ui/apps/{name}/unpin")
    String unpin(@PathVariable String name, RedirectAttributes redirect) {
        AppEntity app = apps.find(name);
        actions.unpin(app);
        redirect.addFlashAttribute("notice", app.getName() + " follows its branch again; sync requested.");
        return "redirect:" + path(app);
    }

    @GetMapping("/ui/apps/{name}/delete")
    String confirmDelete(@PathVariable String name, Model model) {
        model.addAttribute("app", views.row(apps.find(name)).app());
        return "ui/delete";
    }

    @PostMapping("/ui/apps/{name}/delete")
    String delete(
            @PathVariable String name,
            @RequestParam(name = "remove_volumes", defaultValue = "false") boolean removeVolumes,
            RedirectAttributes redirect) {
        AppEntity app = apps.find(name);
        actions.delete(app, removeVolumes);
        redirect.addFlashAttribute(
                "notice",
                "Deleted " + app.getName() + (removeVolumes ? " and its volumes." : "; its named volumes were kept."));
        return "redirect:/ui/apps";
    }

    static String path(AppEntity app) {
        return "/ui/apps/" + UriUtils.encodePathSegment(app.getName(), "UTF-8");
    }
}
