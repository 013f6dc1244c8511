package io.conops.server.sops;

import io.conops.server.system.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's age identities for SOPS files: {@code CONOPS_AGE_KEY} (one or more
 * {@code AGE-SECRET-KEY-1…} lines) and {@code CONOPS_AGE_KEY_FILE} (an age identity file). Both are
 * read and checked at start-up, so a bad key stops ConOps with a line naming the variable.
 */
@ConfigurationProperties("conops")
record SopsProperties(String ageKey, Path ageKeyFile) {

    SopsProperties {
        identities(ageKey, ageKeyFile); // fail fast
    }

    AgeIdentities identities() {
        return identities(ageKey, ageKeyFile);
    }

    private static AgeIdentities identities(String ageKey, Path ageKeyFile) {
        AgeIdentities ids;
        try {
            ids = AgeIdentities.parse("CONOPS_AGE_KEY", ageKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    "CONOPS_AGE_KEY", "must be age identities (AGE-SECRET-KEY-1...), one a line");
        }
        if (ageKeyFile == null) {
            return ids;
        }
        try {
            return ids.and(AgeIdentities.parse("CONOPS_AGE_KEY_FILE", Files.readString(ageKeyFile)));
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_AGE_KEY_FILE", "cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    "CONOPS_AGE_KEY_FILE", "must be an age identity file (AGE-SECRET-KEY-1... lines, # comments)");
        }
    }

    @Override
    public String toString() {
        return "SopsProperties[ageKey=" + (ageKey == null ? null : "***") + ", ageKeyFile=" + ageKeyFile + "]";
    }
}
