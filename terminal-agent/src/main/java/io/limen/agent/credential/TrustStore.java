package io.limen.agent.credential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The issuer keys a terminal trusts, by kid. Immutable: an update builds a new store and swaps it in
 * whole. Several keys may share a kid (it is only 8 bytes of a hash); the verifier tries each.
 *
 * <p>A trust file is PEM {@code PUBLIC KEY} blocks. An explanatory line {@code Issuer: ISS} directly
 * before a block (RFC 7468 lets text sit outside the blocks; openssl ignores it) binds that key to
 * exactly that issuer:
 *
 * <pre>
 * Issuer: https://passes.limen.example
 * -----BEGIN PUBLIC KEY-----
 * MCowBQYDK2VwAyEA...
 * -----END PUBLIC KEY-----
 * </pre>
 *
 * A block without one is trusted for any issuer. An {@code Issuer:} line anywhere else is refused, so
 * that a stray blank line cannot silently unbind a key.
 */
public final class TrustStore {

    static final String PUBLIC_KEY = "PUBLIC KEY";
    /** Starts the explanatory line that binds the next key to an issuer; matched ignoring case. */
    static final String ISSUER_LINE = "Issuer:";

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
        Pem.Text text = Pem.parse(pem);
        List<Pem.Block> blocks = text.blocks();
        for (int i = 0; i < text.textAfter().size(); i++) {
            if (isIssuerLine(text.textAfter().get(i))) {
                throw new IllegalArgumentException(source + ": the " + ISSUER_LINE + " line on line " + (text.textAfterLine() + i)
                        + " must directly precede the PUBLIC KEY block it binds, but no block follows it");
            }
        }
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
                TrustedKey key = TrustedKey.fromSpki(block.der());
                Optional<String> issuer = issuer(block);
                keys.add(issuer.isPresent() ? key.boundTo(issuer.get()) : key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": PEM block " + (i + 1) + " (line " + block.line() + "): " + e.getMessage(), e);
            }
        }
        return new TrustStore(keys);
    }

    /** The issuer named on the line directly before the block, if that line is an {@code Issuer:} line. */
    private static Optional<String> issuer(Pem.Block block) {
        List<String> before = block.textBefore();
        for (int i = 0; i < before.size() - 1; i++) {
            if (isIssuerLine(before.get(i))) {
                throw new IllegalArgumentException("the " + ISSUER_LINE + " line on line " + (block.line() - before.size() + i)
                        + " must directly precede the PUBLIC KEY block it binds, but does not");
            }
        }
        if (before.isEmpty() || !isIssuerLine(before.get(before.size() - 1))) {
            return Optional.empty();
        }
        String issuer = before.get(before.size() - 1).strip().substring(ISSUER_LINE.length()).strip();
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("the " + ISSUER_LINE + " line on line " + (block.line() - 1) + " must name an issuer, but is empty");
        }
        return Optional.of(issuer);
    }

    private static boolean isIssuerLine(String line) {
        String stripped = line.strip();
        return stripped.regionMatches(true, 0, ISSUER_LINE, 0, ISSUER_LINE.length());
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

    /** The trust file of these keys, with an {@code Issuer:} line before each bound one. */
    public String toPem() {
        StringBuilder out = new StringBuilder();
        keys.forEach(key -> out.append(key.toPem()));
        return out.toString();
    }

    @Override
    public String toString() {
        return "TrustStore[" + keys.size() + " keys]";
    }
}
