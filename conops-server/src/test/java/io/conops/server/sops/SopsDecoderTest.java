package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SopsDecoderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AgeIdentities OURS = AgeIdentities.parse("test", SopsFixtures.identity());

    @Test
    void dotenvMadeWithRealAgeDecryptsToItsPlaintext() {
        Map<String, Object> plain = decrypt("app.sops.env", SopsFixtures.text("app.sops.env"), OURS);

        assertThat(JSON.writeValueAsString(plain)).isEqualTo(plainJson("app.plain.json"));
        assertThat(plain).containsEntry("DB_PASSWORD", "s3cr3t$HOME\"quoted\" #not-a-comment");
        assertThat(plain).containsEntry("MULTI", "line one\nline two");
    }

    @Test
    void yamlAndJsonDecryptWithTheirTypesNestedMapsAndLists() {
        String expected = plainJson("config.plain.json");

        Map<String, Object> yaml = decrypt("config.sops.yaml", SopsFixtures.text("config.sops.yaml"), OURS);
        Map<String, Object> json = decrypt("config.sops.json", SopsFixtures.text("config.sops.json"), OURS);

        assertThat(JSON.writeValueAsString(yaml)).isEqualTo(expected);
        assertThat(JSON.writeValueAsString(json)).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> database = (Map<String, Object>) yaml.get("database");
        assertThat(database)
                .containsEntry("port", 5432L)
                .containsEntry("ratio", 1.5)
                .containsEntry("tls", true);
        assertThat(yaml).containsEntry("enabled", false);
    }

    @Test
    void aRemovedLineIsAMacMismatchNamingTheFile() {
        String tampered = SopsFixtures.text("app.sops.env").replaceAll("(?m)^API_TOKEN=.*\\n", "");

        assertThatThrownBy(() -> decrypt("secrets/app.sops.env", tampered, OURS))
                .isInstanceOf(SopsException.class)
                .hasMessageContaining("secrets/app.sops.env")
                .hasMessageContaining("MAC mismatch");
    }

    @Test
    void aChangedCleartextValueIsAMacMismatch() {
        String tampered =
                SopsFixtures.text("app.sops.env").replace("REGION_unencrypted=eu-west", "REGION_unencrypted=us-east");

        assertThatThrownBy(() -> decrypt("app.sops.env", tampered, OURS)).hasMessageContaining("MAC mismatch");
    }

    @Test
    void aValueMovedToAnotherKeyDoesNotOpenBecauseItsPathIsTheAdditionalData() {
        String text = SopsFixtures.text("app.sops.env");
        String token = line(text, "API_TOKEN");
        String moved = text.replaceAll(
                "(?m)^DB_PASSWORD=.*$", "DB_PASSWORD=" + java.util.regex.Matcher.quoteReplacement(token));

        assertThatThrownBy(() -> decrypt("app.sops.env", moved, OURS))
                .isInstanceOf(SopsException.class)
                .hasMessageContaining("the value of DB_PASSWORD does not decrypt");
    }

    @Test
    void noMatchingIdentityNamesTheFileAndItsRecipients() {
        AgeIdentities other = AgeIdentities.parse("test", SopsFixtures.otherIdentity());

        assertThatThrownBy(() -> decrypt("app.sops.env", SopsFixtures.text("app.sops.env"), other))
                .isInstanceOf(SopsException.class)
                .hasMessageContaining("app.sops.env: none of the age identities")
                .hasMessageContaining("age1");
        assertThatThrownBy(() -> decrypt("app.sops.env", SopsFixtures.text("app.sops.env"), AgeIdentities.none()))
                .hasMessageContaining("no age identity is configured");
    }

    @Test
    void eitherOfSeveralIdentitiesOpensTheFile() {
        AgeIdentities both =
                AgeIdentities.parse("a", SopsFixtures.otherIdentity()).and(OURS);

        assertThat(decrypt("app-other.sops.env", SopsFixtures.text("app-other.sops.env"), both))
                .containsEntry("API_TOKEN", "tok-app-7f3a");
    }

    @Test
    void aFileForPgpOnlyIsRefusedAsNotAge() {
        String pgp = """
                password: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]
                sops:
                    pgp:
                        - fp: 85D77543B3D624B63CEA9E6DBC17301B491B3F21
                          enc: x
                    lastmodified: "2026-11-29T12:00:00Z"
                    mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]
                    version: 3.9.1
                """;

        assertThatThrownBy(() -> decrypt("db.sops.yaml", pgp, OURS))
                .isInstanceOf(SopsException.class)
                .hasMessageContaining("db.sops.yaml: it has no age key group (only pgp)");
    }

    @Test
    void filesWithoutSopsMetadataAreNotSopsFiles() {
        assertThat(SopsDocument.read("app.env", "A=1\nB=2\n".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(SopsDocument.read("c.yaml", "a: {b: 1}\n".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(SopsDocument.read("c.json", "[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(SopsDocument.read("nginx.conf", "server { }".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(SopsDocument.read("app.sops.env", SopsFixtures.bytes("app.sops.env")))
                .isPresent();
    }

    @Test
    void dotenvMetadataIsUnflattenedIntoTheYamlShape() {
        SopsDocument doc = SopsDocument.read("app.sops.env", SopsFixtures.bytes("app.sops.env"))
                .orElseThrow();

        assertThat(doc.tree()).doesNotContainKeys("sops_mac", "sops_version");
        assertThat(doc.metadata().get("age")).asList().hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry =
                (Map<String, Object>) ((java.util.List<?>) doc.metadata().get("age")).get(0);
        assertThat((String) entry.get("enc")).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n");
        assertThat(entry.get("recipient")).asString().startsWith("age1");
    }

    @Test
    void theComposeEnvFileQuotesWhatComposeWouldOtherwiseInterpolateOrCut() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("A", "x$HOME \"q\" #c\nnext");

        assertThat(new String(SopsOutput.composeEnvFile(tree), StandardCharsets.UTF_8))
                .isEqualTo("A=\"x\\$HOME \\\"q\\\" #c\\nnext\"\n");
        assertThat(new String(SopsOutput.plain(SopsFormat.DOTENV, tree), StandardCharsets.UTF_8))
                .isEqualTo("A=x$HOME \"q\" #c\\nnext\n");
    }

    @Test
    void lastModifiedIsFormattedBackAsGoDoes() {
        assertThat(SopsDecoder.lastModified("2026-11-29T12:00:00Z")).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(SopsDecoder.lastModified("2026-11-29T12:00:00.123456Z")).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(SopsDecoder.lastModified("2026-11-29T13:00:00+01:00")).isEqualTo("2026-11-29T13:00:00+01:00");
        assertThat(new String(SopsDecoder.macBytes(true), StandardCharsets.UTF_8))
                .isEqualTo("True");
        assertThat(new String(SopsDecoder.macBytes(100.0), StandardCharsets.UTF_8))
                .isEqualTo("100");
    }

    @Test
    void malformedIdentitiesAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> AgeIdentities.parse("CONOPS_AGE_KEY", "not-a-key-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONOPS_AGE_KEY")
                .hasMessageNotContaining("not-a-key-secret");
        assertThat(AgeIdentities.parse("f", "# created: today\n\n" + SopsFixtures.identity())
                        .isEmpty())
                .isFalse();
    }

    private static Map<String, Object> decrypt(String name, String content, AgeIdentities identities) {
        SopsDocument doc = SopsDocument.read(name, content.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        return SopsDecoder.decrypt(name, doc, identities);
    }

    private static String plainJson(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = JSON.readValue(SopsFixtures.bytes(name), LinkedHashMap.class);
        plain.remove("__floats__");
        return JSON.writeValueAsString(plain);
    }

    private static String line(String text, String key) {
        return text.lines()
                .filter(l -> l.startsWith(key + "="))
                .findFirst()
                .orElseThrow()
                .substring(key.length() + 1);
    }
}
