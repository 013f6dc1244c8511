package io.conops.core.hash;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 * @param version         of the hashing rules; a new version changes every hash once
 * @param hash            the combined SHA-256, stamped as label {@code conops.config-hash}
 * @param definitionHash  SHA-256 over {@code definitionParts}
 * @param definitionParts each top-level key of the normalised service definition, and each top-level
 *                        config or secret it references ({@code configs.<name>}, {@code secrets.<name>}),
 *                        to the SHA-256 of its canonical JSON
 * @param fileHashes      path relative to the project directory to SHA-256 of kind and content, or
 *                        {@code missing} / {@code unreadable}
 * @param image           the image identity the hash was made with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"service", "version", "hash", "definition_hash", "definition_parts", "file_hashes", "image"})
public record ServiceFingerprint(
        @JsonProperty("service") String service,
        @JsonProperty("version") int version,
        @JsonProperty("hash") String hash,
        @JsonProperty("definition_hash") String definitionHash,
        @JsonProperty("definition_parts") SortedMap<String, String> definitionParts,
        @JsonProperty("file_hashes") SortedMap<String, String> fileHashes,
        @JsonProperty("image") String image) {

    public ServiceFingerprint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(definitionHash, "definitionHash");
        definitionParts = sortedCopy(definitionParts);
        fileHashes = sortedCopy(fileHashes);
        image = image == null ? "" : image;
    }

    /** Absent maps (an older stored form) read as empty rather than failing. */
    private static SortedMap<String, String> sortedCopy(SortedMap<String, String> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
