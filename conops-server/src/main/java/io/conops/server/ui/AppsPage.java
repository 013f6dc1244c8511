package io.conops.server.ui;

import io.conops.server.app.AppEntity;
import io.conops.server.app.AppService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.HtmlUtils;

/** A plain page listing the apps and their status (the full UI is its own piece of work). */
@RestController
class AppsPage {
    private final AppService apps;

    AppsPage(AppService apps) {
        this.apps = apps;
    }

    @GetMapping("/")
    RedirectView root() {
        return new RedirectView("/ui/apps");
    }

    @GetMapping(
            path = {"/ui/apps", "/ui/apps/"},
            produces = MediaType.TEXT_HTML_VALUE)
    String page() {
        StringBuilder rows = new StringBuilder();
        for (AppEntity a : apps.list()) {
            rows.append("<tr><td>")
                    .append(esc(a.getName()))
                    .append("</td><td>")
                    .append(esc(a.getStatus().wire()))
                    .append("</td><td>")
                    .append(esc(a.getHealth().wire()))
                    .append("</td><td><code>")
                    .append(esc(
                            a.getLastSyncedCommit() == null
                                    ? ""
                                    : a.getLastSyncedCommit().substring(0, 7)))
                    .append("</code></td><td>")
                    .append(esc(a.getRepoUrl()))
                    .append(" @ ")
                    .append(esc(a.getBranch()))
                    .append("</td><td>")
                    .append(esc(a.getLastError() == null ? "" : a.getLastError()))
                    .append("</td></tr>\n");
        }
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>ConOps · Apps</title>
                <meta http-equiv="refresh" content="5">
                <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
                td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
                <body><h1>ConOps</h1><table><thead><tr><th>Name</th><th>Status</th><th>Health</th><th>Commit</th>
                <th>Source</th><th>Last error</th></tr></thead><tbody>
                """ + (rows.length() == 0 ? "<tr><td colspan=6>No apps registered yet.</td></tr>" : rows) + """
                </tbody></table></body></html>
                """;
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
