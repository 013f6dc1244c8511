package io.conops.server.ui;

import io.conops.core.ConopsException;
import io.conops.core.api.AppView;
import io.conops.core.app.InvalidSpecException;
import io.conops.server.app.AppController;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Registering and editing an app through {@link AppService}, as the API does: the same rules, the
 * same messages, and nothing stored when a field is wrong. The form comes back with the error next
 * to its field and the values kept (secrets excepted: they are never sent back to the browser).
 */
@Controller
class AppFormPage {
    private final AppService apps;

    AppFormPage(AppService apps) {
        this.apps = apps;
    }

    @GetMapping("/ui/apps/new")
    String blank(Model model) {
        model.addAttribute("form", AppForm.blank());
        model.addAttribute("editing", null);
        return "ui/form";
    }

    @PostMapping("/ui/apps/new")
    String register(
            @RequestParam MultiValueMap<String, String> params,
            @RequestParam(name = "deploy_key", required = false) MultipartFile deployKey,
            @RequestParam(name = "age_key", required = false) MultipartFile ageKey,
            @RequestParam(name = "docker_ssh_key", required = false) MultipartFile dockerSshKey,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        AppForm form = AppForm.sent(params);
        try {
            AppEntity app = apps.create(form.toCreate(params, new AppForm.Files(deployKey, ageKey, dockerSshKey)));
            redirect.addFlashAttribute("notice", "Registered " + app.getName() + ": its first sync is under way.");
            return "redirect:/ui/apps";
        } catch (ConopsException e) {
            return rejected(form, e, null, model, response);
        }
    }

    @GetMapping("/ui/apps/{name}/edit")
    String edit(@PathVariable String name, Model model) {
        AppView app = AppController.view(apps.find(name));
        model.addAttribute("form", AppForm.of(app));
        model.addAttribute("editing", app);
        return "ui/form";
    }

    @PostMapping("/ui/apps/{name}/edit")
    String update(
            @PathVariable String name,
            @RequestParam MultiValueMap<String, String> params,
            @RequestParam(name = "deploy_key", required = false) MultipartFile deployKey,
            @RequestParam(name = "age_key", required = false) MultipartFile ageKey,
            @RequestParam(name = "docker_ssh_key", required = false) MultipartFile dockerSshKey,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        AppView before = AppController.view(apps.find(name));
        AppForm form = AppForm.sent(params);
        form.getValues().put("name", before.name()); // the name is the Compose project: it stays
        try {
            apps.update(before.id(), form.toPatch(params, new AppForm.Files(deployKey, ageKey, dockerSshKey), before));
            redirect.addFlashAttribute("notice", "Saved " + before.name() + ".");
            return "redirect:/ui/apps/" + UriUtils.encodePathSegment(before.name(), "UTF-8");
        } catch (ConopsException e) {
            return rejected(form, e, before, model, response);
        }
    }

    private static String rejected(
            AppForm form,
            ConopsException e,
            AppView editing,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        if (e instanceof InvalidSpecException invalid) {
            form.reject(invalid.field(), invalid.reason());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        } else if (e instanceof ApiProblem problem) {
            form.reject(problem.field(), withoutField(e.getMessage(), problem.field()));
            response.setStatus(problem.status().value());
        } else {
            throw e; // not the form's fault: the error page says what happened
        }
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        return "ui/form";
    }

    private static String withoutField(String message, String field) {
        return field != null && message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }
}
