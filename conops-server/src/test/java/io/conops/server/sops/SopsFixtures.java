package io.conops.server.sops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed fixtures under {@code src/test/resources/sops}, made once by {@code make-fixtures.sh}
 * with Debian's age and cross-checked with the npm decoder sops-age.
 */
public final class SopsFixtures {
    private SopsFixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = SopsFixtures.class.getResourceAsStream("/sops/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The identity every fixture but {@code app-other.sops.env} is encrypted for, as its file holds it. */
    public static String identity() {
        return text("identity.txt");
    }

    public static String otherIdentity() {
        return text("other-identity.txt");
    }

    /**
     * A manifest fixture with its second {@code Environment} entry removed: each remaining value
     * still opens, but the MAC over all values no longer matches.
     */
    public static String withoutSecondEntry(String manifest) {
        List<String> lines = new ArrayList<>(manifest.lines().toList());
        int first = lines.indexOf(lines.stream()
                .filter(l -> l.strip().startsWith("- ENC["))
                .findFirst()
                .orElseThrow());
        lines.remove(first + 1);
        return String.join("\n", lines) + "\n";
    }
}
