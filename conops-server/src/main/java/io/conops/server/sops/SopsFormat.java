package io.conops.server.sops;

import java.util.Locale;

/** The file formats SOPS writes, told apart by the file name as sops itself does. */
public enum SopsFormat {
    DOTENV,
    YAML,
    JSON;

    /** By extension: {@code .env} (and {@code .sops.env}), {@code .json}, else YAML as sops assumes. */
    public static SopsFormat of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".env") || name.startsWith(".env")) {
            return DOTENV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return YAML;
    }
}
