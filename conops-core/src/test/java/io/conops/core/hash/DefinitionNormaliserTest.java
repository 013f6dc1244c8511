package io.conops.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionNormaliserTest {
    private final DefinitionNormaliser normaliser = new DefinitionNormaliser(Path.of("/srv/conops/apps/shop"));

    @Test
    void pathsUnderTheProjectDirectoryBecomeRelativeWhereverTheyAppear() {
        Map<String, Object> service = Json.object("""
                {"build": {"context": "/srv/conops/apps/shop", "dockerfile": "Dockerfile"},
                 "env_file": [{"path": "/srv/conops/apps/shop/api.env", "required": true}],
                 "volumes": [{"type": "bind", "source": "/srv/conops/apps/shop/nginx.conf", "target": "/etc/x"}],
                 "environment": {"DATA": "/srv/conops/apps/shop/data"}}
                """);

        assertThat(CanonicalJson.write(normaliser.service(service))).isEqualTo(CanonicalJson.write(Json.parse("""
                {"build": {"context": ".", "dockerfile": "Dockerfile"},
                 "env_file": [{"path": "./api.env", "required": true}],
                 "volumes": [{"type": "bind", "source": "./nginx.conf", "target": "/etc/x"}],
                 "environment": {"DATA": "./data"}}
                """)));
    }

    @Test
    void pathsThatOnlyShareAPrefixOrSitElsewhereAreKept() {
        Map<String, Object> service = Json.object("""
                {"volumes": [{"type": "bind", "source": "/srv/conops/apps/shop2/x", "target": "/x"},
                             {"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock"}],
                 "command": ["--root=/srv/conops/apps/shop/x"]}
                """);

        assertThat(CanonicalJson.write(normaliser.service(service))).isEqualTo(CanonicalJson.write(service));
    }

    @Test
    void stampedLabelsAreDroppedAndAnEmptyLabelMapWithThem() {
        Map<String, Object> stamped = Json.object("""
                {"image": "nginx", "labels": {"conops.app": "shop", "conops.commit": "4f2a9c1",
                                              "conops.config-hash": "abc"}}
                """);
        Map<String, Object> mixed = Json.object("""
                {"image": "nginx", "labels": {"conops.app": "shop", "traefik.enable": "true"}}
                """);

        assertThat(normaliser.service(stamped)).isEqualTo(Map.of("image", "nginx"));
        assertThat(normaliser.service(mixed))
                .isEqualTo(Map.of("image", "nginx", "labels", Map.of("traefik.enable", "true")));
    }

    @Test
    void stampedLabelsInListFormAreDroppedToo() {
        Map<String, Object> service = Json.object("""
                {"labels": ["conops.config-hash=abc", "traefik.enable=true"]}
                """);

        assertThat(normaliser.service(service)).isEqualTo(Map.of("labels", List.of("traefik.enable=true")));
    }
}
