package io.conops.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a server with one app, when hundreds of hostile values (see {@link BadInputs}) go through
 * every field of the API's create and change bodies, its path variables and query parameters, and
 * the web UI's register and edit forms, then no answer is a 5xx, a refused request changes neither
 * the apps nor the data directory, and no process is ever started with an attacker's value.
 */
class BadInputIT {
    static final String BASE = "conops-test-badinput";
    static final String REPO = "https://git.example.invalid/team/app.git";
    static final List<String> FIELDS = List.of(
            "name",
            "repo_url",
            "branch",
            "compose_path",
            "poll_interval",
            "repo_username",
            "repo_token",
            "webhook_secret",
            "deploy_key",
            "image_updates",
            "service_envs",
            "registry_auth",
            "repo_auth_method");
    /** What an app's answer says about its spec; its status moves on its own as polls fail. */
    static final List<String> SPEC = List.of(
            "id",
            "name",
            "repo_url",
            "repo_auth_method",
            "branch",
            "compose_path",
            "poll_interval",
            "has_deploy_key",
            "has_repo_token",
            "repo_username",
            "registry_auth",
            "image_updates",
            "has_webhook_secret",
            "service_env_keys");

    @TempDir
    static Path tmp;

    static TestServer server;
    static final Set<String> processes = ConcurrentHashMap.newKeySet();
    static final AtomicBoolean sampling = new AtomicBoolean(true);
    static Thread sampler;

    int requests;
    int accepted;
    /** The apps' specs as they stand; moved on only after an accepted request was undone. */
    List<String> baseline;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.allow-file-repos", "false"));
        server.register(BASE, REPO, null);
        sampler = new Thread(() -> {
            while (sampling.get()) {
                ProcessHandle.current()
                        .descendants()
                        .forEach(p -> processes.add(p.info().commandLine().orElse("?")));
                Thread.onSpinWait();
            }
        });
        sampler.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sampling.set(false);
        sampler.join();
        server.close();
    }

    @Test
    void hostileInputsAreRefusedCleanlyAndChangeNothing() throws Exception {
        List<String> values = BadInputs.values();
        Set<String> files = dataFiles();
        baseline = specs();

        for (String field : FIELDS) {
            for (String value : values) {
                String name = "conops-test-bad-" + requests;
                Map<String, String> body = new LinkedHashMap<>();
                body.put("name", json(name));
                body.put("repo_url", json(REPO));
                body.put(field, json(value));
                api("POST", "/api/v1/apps/", object(body));
                api("PATCH", "/api/v1/apps/" + BASE, object(Map.of(field, json(value))));
            }
            for (String raw : List.of("12345", "-1", "true", "[]", "{}", "null", "[\"a\",{\"b\":[]}]", "1.5e400")) {
                Map<String, String> body = new LinkedHashMap<>();
                body.put("name", json("conops-test-bad-t"));
                body.put("repo_url", json(REPO));
                body.put(field, raw);
                api("POST", "/api/v1/apps/", object(body));
                api("PATCH", "/api/v1/apps/" + BASE, object(Map.of(field, raw)));
            }
        }
        for (String value : values) {
            String id = URLEncoder.encode(value, StandardCharsets.UTF_8);
            String q = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String path : List.of(
                    "/api/v1/apps/" + id,
                    "/api/v1/apps/" + id + "/deployments",
                    "/api/v1/apps/" + id + "/services",
                    "/api/v1/apps/" + id + "/diff",
                    "/api/v1/apps/" + BASE + "/deployments?limit=" + q,
                    "/api/v1/apps/" + BASE + "/logs?tail=" + q,
                    "/api/v1/apps/" + BASE + "/logs?service=" + q)) {
                api("GET", path, null);
            }
            api("POST", "/api/v1/apps/" + id + "/sync?wait=" + q, null);
            api("POST", "/api/v1/apps/" + BASE + "/sync?wait=" + q, null);
            api("DELETE", "/api/v1/apps/" + id + "?remove_volumes=" + q, null);
        }
        uiForms(values);

        System.out.printf("BadInputIT: %d hostile requests, %d accepted as legitimate values%n", requests, accepted);
        assertThat(requests).isGreaterThanOrEqualTo(300);
        assertThat(dataFiles()).isEqualTo(files);
        assertThat(processes).noneMatch(c -> c.contains(BadInputs.MARK));
        try (Stream<Path> made = Files.list(Path.of("/tmp"))) {
            assertThat(made.map(Path::toString)).noneMatch(p -> p.contains(BadInputs.MARK));
        }
    }

    private void uiForms(List<String> values) {
        UiSession ui = new UiSession(server);
        ui.login(TestServer.TOKEN);
        String newForm = UiSession.csrf(ui.get("/ui/apps/new").body());
        String editForm = UiSession.csrf(ui.get("/ui/apps/" + BASE + "/edit").body());
        // the form's text fields; the API loop above covered every field already
        for (String field :
                List.of("name", "repo_url", "branch", "compose_path", "poll_interval", "service_envs", "repo_token")) {
            for (String value : values) {
                String name = "conops-test-bad-ui-" + requests;
                Map<String, String> form = new LinkedHashMap<>();
                form.put("_csrf", newForm);
                form.put("name", name);
                form.put("repo_url", REPO);
                form.put("branch", "main");
                form.put("compose_path", "compose.yaml");
                form.put("poll_interval", "1h");
                form.put(field, value);
                ui(ui, "/ui/apps/new", form);
                Map<String, String> edit = new LinkedHashMap<>(form);
                edit.put("_csrf", editForm);
                edit.put("name", BASE);
                edit.put(field, value);
                ui(ui, "/ui/apps/" + BASE + "/edit", edit);
            }
        }
        for (String value : values.subList(0, 12)) {
            ui(ui, "/ui/apps/" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "/sync", Map.of("_csrf", editForm));
            ui(
                    ui,
                    "/ui/apps/" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "/delete",
                    Map.of("_csrf", editForm));
        }
    }

    /** Sends one request; a refusal must leave every app's spec as it was; an acceptance is undone. */
    private void api(String method, String path, String body) {
        HttpResponse<String> r = server.call(method, path, body);
        check(method + " " + path + " " + abbreviate(body), r.statusCode(), r.body());
    }

    private void ui(UiSession ui, String path, Map<String, String> form) {
        HttpResponse<String> r = ui.post(path, form);
        boolean refused = r.statusCode() >= 400
                || (r.statusCode() == 200 && r.body().contains("class=\"error")); // the form again, with its errors
        check("UI POST " + path + " " + abbreviate(form.toString()), refused ? 400 : r.statusCode(), r.body());
    }

    private void check(String what, int status, String body) {
        requests++;
        assertThat(status).as(what + " -> " + status + ": " + abbreviate(body)).isLessThan(500);
        if (status >= 400) {
            assertThat(specs()).as("refused, so nothing changed: " + what).isEqualTo(baseline);
            return;
        }
        accepted++;
        // accepted: a legitimate change of a legitimate value; put things back for the next request
        for (JsonNode app : server.json("GET", "/api/v1/apps/", null)) {
            if (!app.get("name").asString().equals(BASE)) {
                assertThat(server.call("DELETE", "/api/v1/apps/" + app.get("id").asString(), null)
                                .statusCode())
                        .isLessThan(300);
            }
        }
        server.call(
                "PATCH",
                "/api/v1/apps/" + BASE,
                "{\"repo_url\":\"" + REPO + "\",\"branch\":\"main\",\"compose_path\":\"compose.yaml\","
                        + "\"poll_interval\":\"1s\",\"image_updates\":false}");
        baseline = specs();
    }

    private static List<String> specs() {
        List<String> out = new ArrayList<>();
        for (JsonNode app : server.json("GET", "/api/v1/apps/", null)) {
            StringBuilder s = new StringBuilder();
            for (String key : SPEC) {
                s.append(key).append('=').append(app.get(key)).append(' ');
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Every path under the data directory except the database's own files, which the polls write. */
    private static Set<String> dataFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(server.dataDir)) {
            return walk.map(p -> server.dataDir.relativize(p).toString())
                    .filter(p -> !p.startsWith("conops."))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String object(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) ->
                s.append(s.length() > 1 ? "," : "").append(json(k)).append(':').append(v));
        return s.append('}').toString();
    }

    /** A JSON string with every non-ASCII or control character escaped, lone surrogates included. */
    private static String json(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
