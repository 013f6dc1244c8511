package io.conops.server.sops;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A decrypted tree written back in its own format, as {@code sops -d} would print it (comments aside). */
public final class SopsOutput {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SopsOutput() {}

    /** For a file mounted into a container or named by a Compose secret or config. */
    public static byte[] plain(SopsFormat format, Map<String, Object> tree) {
        String text = switch (format) {
            case DOTENV -> dotenv(tree, false);
            case JSON -> JSON.writeValueAsString(tree) + "\n";
            case YAML -> yaml(tree);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * For Compose's {@code env_file}: every value double-quoted and escaped, so Compose neither
     * interpolates a {@code $} in a secret nor cuts it at a {@code #}.
     */
    public static byte[] composeEnvFile(Map<String, Object> tree) {
        return dotenv(tree, true).getBytes(StandardCharsets.UTF_8);
    }

    private static String dotenv(Map<String, Object> tree, boolean quoted) {
        StringBuilder sb = new StringBuilder();
        tree.forEach((k, v) -> {
            String value = v == null ? "" : String.valueOf(v);
            sb.append(k).append('=');
            sb.append(quoted ? '"' + quote(value) + '"' : value.replace("\n", "\\n"));
            sb.append('\n');
        });
        return sb.toString();
    }

    private static String yaml(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(tree);
    }

    /** What Compose's env file reader takes back verbatim in double quotes (as ServiceEnvs writes). */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '$' -> sb.append("\\$");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
