package io.conops.core.hash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkout of a small example repository and the model {@code docker compose config --format json}
 * (Compose 2.26) prints for it: every relative path made absolute under the checkout.
 */
final class Shop {
    static final String MODEL = """
            {
              "name": "shop",
              "services": {
                "web": {
                  "command": null,
                  "entrypoint": null,
                  "image": "nginx:1.27",
                  "environment": {"A": "1"},
                  "networks": {"default": null},
                  "ports": [{"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"}],
                  "volumes": [
                    {"type": "bind", "source": "%1$s/nginx.conf", "target": "/etc/nginx/nginx.conf",
                     "read_only": true, "bind": {"create_host_path": true}},
                    {"type": "bind", "source": "%1$s/site", "target": "/usr/share/nginx/html",
                     "bind": {"create_host_path": true}},
                    {"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock",
                     "bind": {"create_host_path": true}}
                  ],
                  "configs": [{"source": "proxy_conf", "target": "/etc/proxy.conf"}]
                },
                "api": {
                  "command": ["serve", "--port", "9000"],
                  "entrypoint": null,
                  "build": {"context": "%1$s/api", "dockerfile": "Dockerfile"},
                  "image": "shop-api",
                  "env_file": [{"path": "%1$s/api.env", "required": true}],
                  "environment": {"DB_HOST": "db", "LOG_LEVEL": "info"},
                  "networks": {"default": null},
                  "secrets": [{"source": "db_password", "target": "/run/secrets/db_password"}],
                  "volumes": [{"type": "volume", "source": "data", "target": "/data", "volume": {}}],
                  "healthcheck": {"test": ["CMD", "wget", "-q", "localhost:9000"], "interval": "10s", "retries": 3}
                }
              },
              "networks": {"default": {"name": "shop_default"}},
              "volumes": {"data": {"name": "shop_data"}},
              "configs": {"proxy_conf": {"name": "shop_proxy_conf", "file": "%1$s/proxy.conf"}},
              "secrets": {"db_password": {"name": "shop_db_password", "file": "%1$s/secrets/db_password.txt"}}
            }
            """;

    private Shop() {}

    /** Writes the repository's files under {@code dir} and returns {@code dir}. */
    static Path checkout(Path dir) throws IOException {
        write(dir, "compose.yaml", "services: {}\n");
        write(dir, "nginx.conf", "events {}\nhttp { server { listen 80; } }\n");
        write(dir, "site/index.html", "<h1>shop</h1>\n");
        write(dir, "site/css/shop.css", "h1 { color: teal }\n");
        write(dir, "proxy.conf", "upstream api { server api:9000; }\n");
        write(dir, "api.env", "API_KEY=abc\n");
        write(dir, "secrets/db_password.txt", "s3cret\n");
        write(dir, "api/Dockerfile", "FROM busybox\n");
        return dir;
    }

    /** The model as compose config would print it for a checkout at {@code dir}. */
    static Map<String, Object> model(Path dir) {
        return Json.object(MODEL.formatted(dir.toAbsolutePath()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(Map<String, Object> model, String name) {
        return (Map<String, Object>) ((Map<String, Object>) model.get("services")).get(name);
    }

    static void write(Path dir, String file, String content) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
