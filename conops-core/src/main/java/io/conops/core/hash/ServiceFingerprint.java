package io.conops.core.hash;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one service's desired-state hash was made of, kept with each deployment so a later change can
 * be explained ({@link FingerprintDiff}) without storing the whole definition. Stored as JSON through
 * the annotations; the maps are sorted, so the JSON is stable.
 *
 * <p>The per-file hashes grow with the repository (a mounted folder of 20,000 files), so the stored
 * form is {@link #compact()}: one digest per used path, enough to tell which mount changed. Where
 * the files themselves are wanted they are kept elsewhere and put back with {@link #withFileHashes}.
 *
 * @param version         of the hashing rules; a new version changes every hash once
 * @param hash            the combined SHA-256, stamped as label {@code conops.config-hash}
 * @param definitionHash  SHA-256 over {@code definitionParts}
 * @param definitionParts each top-level key of the normalised service definition, and each top-level
 *                        config or secret it references ({@code configs.<name>}, {@code secrets.<name>}),
 *                        to the SHA-256 of its canonical JSON
 * @param fileDigests     each used path inside the repository as the definition names it ({@code site},
 *                        {@code nginx.conf}) to the SHA-256 of the file hashes under it; empty in the
 *                        stored form of older versions
 * @param fileHashes      each file's path relative to the project directory to SHA-256 of kind and
 *                        content, or {@code missing} / {@code unreadable}; null when not kept
 * @param image           the image identity the hash was made with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "service",
    "version",
    "hash",
    "definition_hash",
    "definition_parts",
    "file_digests",
    "file_hashes",
    "image"
})
public record ServiceFingerprint(
        @JsonProperty("service") String service,
        @JsonProperty("version") int version,
        @JsonProperty("hash") String hash,
        @JsonProperty("definition_hash") String definitionHash,
        @JsonProperty("definition_parts") SortedMap<String, String> definitionParts,
        @JsonProperty("file_digests") SortedMap<String, String> fileDigests,

        @JsonProperty("file_hashes") @JsonInclude(JsonInclude.Include.NON_NULL)
        SortedMap<String, String> fileHashes,

        @JsonProperty("image") String image) {

    public ServiceFingerprint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(definitionHash, "definitionHash");
        definitionParts = sortedCopy(definitionParts);
        fileDigests = sortedCopy(fileDigests);
        fileHashes = fileHashes == null ? null : sortedCopy(fileHashes);
        image = image == null ? "" : image;
    }

    /** Whether the per-file hashes are at hand, not only the digest per used path. */
    public boolean hasFileHashes() {
        return fileHashes != null;
    }

    /** The form to store: sized by the paths the service uses, not by the files under them. */
    public ServiceFingerprint compact() {
        return new ServiceFingerprint(
                service, version, hash, definitionHash, definitionParts, fileDigests, null, image);
    }

    /** This fingerprint with its per-file hashes put back (kept apart from the compact form). */
    public ServiceFingerprint withFileHashes(SortedMap<String, String> files) {
        return new ServiceFingerprint(
                service, version, hash, definitionHash, definitionParts, fileDigests, files, image);
    }

    private static SortedMap<String, String> sortedCopy(SortedMap<String, String> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
