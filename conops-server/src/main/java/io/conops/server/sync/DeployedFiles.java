package io.conops.server.sync;

import io.conops.core.hash.ServiceFingerprint;
import io.conops.server.system.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-file hashes of each app's last successful sync, kept gzipped in its directory under the
 * data directory rather than in the database: a mounted folder of 20,000 files makes megabytes per
 * deployment, needed only when the diff names which file changed. The database keeps the compact
 * fingerprints (one digest per used path); the files are put back where this record matches them
 * by hash, so a stale or lost record costs only detail (the diff then names the changed mount).
 */
@Component
public class DeployedFiles {
    static final String FILE = "deployed-files.json.gz";

    private final DataDirectory dataDir;
    private final JsonMapper json;

    public DeployedFiles(DataDirectory dataDir, JsonMapper json) {
        this.dataDir = dataDir;
        this.json = json;
    }

    /**
     * Keeps the fingerprints of a successful sync, replacing those of the one before.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    void save(UUID app, Map<String, ServiceFingerprint> fingerprints) {
        Path target = file(app);
        Path partial = target.resolveSibling(FILE + ".partial");
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
                json.writeValue(out, new TreeMap<>(fingerprints));
            }
            // a reader sees the old record or the new one, never half of one
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored fingerprints, each with its files put back when the record here has the same hash. */
    public SortedMap<String, ServiceFingerprint> withFiles(UUID app, SortedMap<String, ServiceFingerprint> stored) {
        if (stored.values().stream().allMatch(ServiceFingerprint::hasFileHashes)) {
            return stored;
        }
        Map<String, ServiceFingerprint> kept = read(app);
        SortedMap<String, ServiceFingerprint> out = new TreeMap<>();
        stored.forEach((name, fp) -> {
            ServiceFingerprint k = kept.get(name);
            boolean same = k != null && k.hasFileHashes() && k.hash().equals(fp.hash());
            out.put(name, !fp.hasFileHashes() && same ? fp.withFileHashes(k.fileHashes()) : fp);
        });
        return out;
    }

    private Map<String, ServiceFingerprint> read(UUID app) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(app)))) {
            return json.readValue(in, new TypeReference<Map<String, ServiceFingerprint>>() {});
        } catch (IOException | JacksonException e) {
            return Map.of(); // none yet, or unreadable: the diff falls back to naming the changed mounts
        }
    }

    private Path file(UUID app) {
        return dataDir.app(app.toString()).resolve(FILE);
    }
}
