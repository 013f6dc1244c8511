package io.conops.server.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CONOPS_REPOS, as DockerOps takes it: repository URLs separated by commas or semicolons. Each is a
 * stack set with {@code stacks.yaml} at its root, named after the repository
 * ({@code https://git.example.com/team/infra.git} is {@code infra}).
 */
final class RepoList {
    static final String VARIABLE = "CONOPS_REPOS";

    private RepoList() {}

    static List<DeclaredApp> read(String repos, JsonMapper json) {
        List<DeclaredApp> apps = new ArrayList<>();
        int i = 0;
        for (String part : repos.split("[,;]")) {
            String url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            i++;
            String name = nameOf(url);
            String where = "entry " + i + " (" + url + ")";
            if (name.isEmpty()) {
                throw new DeclarationException(VARIABLE, where, "name", "no app name can be made from this URL");
            }
            ObjectNode fields = json.createObjectNode();
            fields.put("name", name);
            fields.put("repo_url", url);
            fields.put("stacks_file", "stacks.yaml");
            apps.add(new DeclaredApp(VARIABLE, where, fields));
        }
        return apps;
    }

    /** The URL's last path segment without {@code .git}, made a Compose project name. */
    static String nameOf(String url) {
        String path = url.replaceAll("[/\\\\]+$", "");
        path = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        String name = path.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[-_]+", "")
                .replaceAll("-+$", "");
        return name.length() > 40 ? name.substring(0, 40).replaceAll("[-_]+$", "") : name;
    }
}
