package io.conops.server.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin bearer token: {@code CONOPS_ADMIN_TOKEN}, or generated once into
 * {@code <data dir>/admin-token} (0600) and printed once, on the start that made it.
 */
@Component
public class AdminToken {
    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;

    public AdminToken(ConopsProperties props, DataDirectory dataDir) {
        String value = props.adminToken();
        if (value == null || value.isBlank()) {
            value = fromFile(dataDir.root().resolve("admin-token"));
        }
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                String v = Files.readString(file).trim();
                if (v.length() < 16) {
                    throw new InvalidSettingException(
                            "CONOPS_ADMIN_TOKEN", file + " holds no usable token; delete it to generate one");
                }
                return v;
            }
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_ADMIN_TOKEN", "cannot read " + file + ": " + e.getMessage());
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String v = HexFormat.of().formatHex(random);
        try {
            SecureFiles.writeAtomically(file, (v + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_ADMIN_TOKEN", "cannot write " + file + ": " + e.getMessage());
        }
        // Printed once, on purpose: this is how a new user learns the generated token.
        System.out.println("ConOps generated an admin token (stored 0600 in " + file + "):\n    " + v);
        log.info("Generated an admin token into {}", file);
        return v;
    }

    /** Constant-time comparison. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
