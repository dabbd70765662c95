package io.limen.provisioning;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.limen.format.cose.VerifyingKey;
import io.limen.format.lists.TrustEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The centre's trust list as it stands: the version last published and its keys, with the signed
 * document of that version (so {@code trust publish} can send it again unchanged). Kept by
 * {@code limen provision trust} in one JSON file, written whole (temp then rename):
 *
 * <pre>
 * {"format": "limen-trust-state/1",
 *  "version": 3,
 *  "keys": [{"kid": "3f9c0a1b2c3d4e5f",                 (for people; recomputed from "spki" on reading)
 *            "issuer": "https://acme.example",
 *            "spki": "MCowBQYDK2VwAyEA…",                (base64 DER SubjectPublicKeyInfo)
 *            "notBefore": "2026-11-30T12:00:00Z", "notAfter": "2027-11-30T12:00:00Z"}],
 *  "document": "0oRDoQEn…"}                            (base64 of the signed trust-v3.cose)
 * </pre>
 *
 * @param version  the version last published; 0 before the first
 * @param keys     its keys, in list order
 * @param document the signed document of {@code version}; empty before the first
 */
record TrustState(long version, List<TrustEntry> keys, Optional<byte[]> document) {

    static final String FORMAT = "limen-trust-state/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    TrustState {
        Objects.requireNonNull(document, "document must not be null");
        keys = List.copyOf(keys);
        if (version < 0) {
            throw new IllegalArgumentException("version must be 0 or more, but was " + version);
        }
    }

    /** Before the first version: no keys. */
    static TrustState empty() {
        return new TrustState(0, List.of(), Optional.empty());
    }

    /**
     * The state in {@code file}; {@link #empty} if there is none yet and {@code mayBeMissing}.
     *
     * @throws ProvisioningException naming the file and the field if it is not a trust state
     */
    static TrustState load(Path file, boolean mayBeMissing) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (mayBeMissing) {
                return empty();
            }
            throw new ProvisioningException(file + ": no trust state here (the first 'limen provision trust add' makes one)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new ProvisioningException(file + ": not a trust state: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ProvisioningException(file + ": not a trust state: \"format\" must be \"" + FORMAT + "\"");
        }
        try {
            long version = root.path("version").asLong(-1);
            if (!root.path("version").isIntegralNumber() || version < 0) {
                throw new IllegalArgumentException("\"version\" must be a whole number 0 or more");
            }
            List<TrustEntry> keys = new ArrayList<>();
            JsonNode listed = root.path("keys");
            if (!listed.isArray()) {
                throw new IllegalArgumentException("\"keys\" must be an array");
            }
            for (int i = 0; i < listed.size(); i++) {
                keys.add(entry(listed.get(i), "keys[" + i + "]"));
            }
            Optional<byte[]> document = root.hasNonNull("document")
                    ? Optional.of(Base64.getDecoder().decode(root.get("document").asText())) : Optional.empty();
            if (version > 0 && document.isEmpty()) {
                throw new IllegalArgumentException("\"document\" (the signed list of version " + version + ") is missing");
            }
            return new TrustState(version, keys, document);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ProvisioningException(file + ": not a trust state: " + e.getMessage());
        }
    }

    private static TrustEntry entry(JsonNode node, String where) {
        if (!node.isObject() || !node.path("spki").isTextual() || !node.path("notBefore").isTextual() || !node.path("notAfter").isTextual()) {
            throw new IllegalArgumentException(where + " must have \"spki\", \"notBefore\" and \"notAfter\" as text");
        }
        Optional<String> issuer = node.hasNonNull("issuer") ? Optional.of(node.get("issuer").asText()) : Optional.empty();
        VerifyingKey key;
        try {
            key = VerifyingKey.fromSpki(Base64.getDecoder().decode(node.get("spki").asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".spki: " + e.getMessage());
        }
        try {
            return new TrustEntry(issuer, key, Instant.parse(node.get("notBefore").asText()), Instant.parse(node.get("notAfter").asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Writes the state to {@code file} whole: a crash leaves the old state or the new one, never half. */
    void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", version);
        ArrayNode listed = root.putArray("keys");
        for (TrustEntry e : keys) {
            ObjectNode entry = listed.addObject().put("kid", e.key().keyId().toHex());
            e.issuer().ifPresent(iss -> entry.put("issuer", iss));
            entry.put("spki", Base64.getEncoder().encodeToString(e.key().spki()))
                    .put("notBefore", e.notBefore().toString())
                    .put("notAfter", e.notAfter().toString());
        }
        document.ifPresent(d -> root.put("document", Base64.getEncoder().encodeToString(d)));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PublishListsCommand.writeWhole(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
