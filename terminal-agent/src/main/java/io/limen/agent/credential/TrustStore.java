package io.limen.agent.credential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The issuer keys a terminal trusts, by kid. Immutable: an update builds a new store and swaps it in
 * whole. Several keys may share a kid (it is only 8 bytes of a hash); the verifier tries each.
 */
public final class TrustStore {

    private static final String PUBLIC_KEY = "PUBLIC KEY";

    private final List<TrustedKey> keys;
    private final Map<KeyId, List<TrustedKey>> byKeyId;

    private TrustStore(List<TrustedKey> keys) {
        Map<KeyId, List<TrustedKey>> map = new HashMap<>();
        keys.forEach(key -> map.computeIfAbsent(key.keyId(), k -> new ArrayList<>()).add(key));
        this.byKeyId = map.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        this.keys = List.copyOf(keys);
    }

    public static TrustStore of(List<TrustedKey> keys) {
        return new TrustStore(keys);
    }

    public static TrustStore empty() {
        return new TrustStore(List.of());
    }

    /** Parses PEM text holding one or more {@code PUBLIC KEY} (SubjectPublicKeyInfo) blocks. */
    public static TrustStore fromPem(String pem, String source) {
        List<Pem.Block> blocks = Pem.read(pem);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(source + ": trust file must hold at least one PEM PUBLIC KEY block, but holds none");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Pem.Block block = blocks.get(i);
            if (!block.label().equals(PUBLIC_KEY)) {
                throw new IllegalArgumentException(source + ": PEM block " + (i + 1) + " must be a PUBLIC KEY, but was "
                        + block.label() + (block.label().contains("PRIVATE") ? " (never give a terminal a private key)" : ""));
            }
            try {
                keys.add(TrustedKey.fromSpki(block.der()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": PEM block " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new TrustStore(keys);
    }

    public static TrustStore load(Path file) throws IOException {
        return fromPem(Pem.readFile(file), file.toString());
    }

    public List<TrustedKey> keysFor(KeyId keyId) {
        return byKeyId.getOrDefault(keyId, List.of());
    }

    public List<TrustedKey> keys() {
        return keys;
    }

    public int size() {
        return keys.size();
    }

    public String toPem() {
        StringBuilder out = new StringBuilder();
        keys.forEach(key -> out.append(Pem.write(PUBLIC_KEY, key.spki())));
        return out.toString();
    }

    @Override
    public String toString() {
        return "TrustStore[" + keys.size() + " keys]";
    }
}
