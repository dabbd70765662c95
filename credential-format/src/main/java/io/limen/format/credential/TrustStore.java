package io.limen.format.credential;

import io.limen.format.cose.KeyId;
import io.limen.format.cose.Pem;
import io.limen.format.cose.VerifyingKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * A block without one is trusted for any issuer. Because a binding that is not read leaves its key
 * trusted for every issuer, the file is read strictly: outside the blocks only blank lines, {@code #}
 * comments and well-formed {@code Issuer:} lines directly before a block may stand (a misspelt or
 * misplaced binding is refused, not taken for a comment), and a key listed both bound and unbound is
 * refused (the unbound listing would undo the binding).
 */
public final class TrustStore {

    static final String PUBLIC_KEY = Pem.PUBLIC_KEY;
    /** Starts the explanatory line that binds the next key to an issuer; matched ignoring case. */
    static final String ISSUER_LINE = "Issuer:";

    private final List<TrustedKey> keys;
    /** Each kid's distinct keys, so that one key listed for many issuers is verified once per scan. */
    private final Map<KeyId, List<VerifyingKey>> byKeyId;
    private final Set<VerifyingKey> unbound;
    private final Map<VerifyingKey, Set<String>> boundIssuers;

    private TrustStore(List<TrustedKey> keys) {
        Map<KeyId, Set<VerifyingKey>> kids = new HashMap<>();
        Set<VerifyingKey> unbound = new HashSet<>();
        Map<VerifyingKey, Set<String>> bound = new HashMap<>();
        for (TrustedKey key : keys) {
            kids.computeIfAbsent(key.keyId(), k -> new LinkedHashSet<>()).add(key.key());
            if (key.issuer().isPresent()) {
                bound.computeIfAbsent(key.key(), k -> new LinkedHashSet<>()).add(key.issuer().get());
            } else {
                unbound.add(key.key());
            }
        }
        this.byKeyId = kids.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        this.unbound = Set.copyOf(unbound);
        this.boundIssuers = bound.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        this.keys = List.copyOf(keys);
    }

    public static TrustStore of(List<TrustedKey> keys) {
        return new TrustStore(keys);
    }

    public static TrustStore empty() {
        return new TrustStore(List.of());
    }

    /**
     * Parses PEM text holding one or more {@code PUBLIC KEY} (SubjectPublicKeyInfo) blocks. Keys are
     * compared in their canonical encoding, so one key written twice in different encodings (a P-256
     * point compressed and not, other Base64 line lengths) is one key to the bound-and-unbound guard.
     */
    public static TrustStore fromPem(String pem, String source) {
        Pem.Text text;
        try {
            text = Pem.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        List<Pem.Block> blocks = text.blocks();
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(source + ": trust file must hold at least one PEM PUBLIC KEY block, but holds none");
        }
        try {
            checkOutsideText(text.textAfter(), text.textAfterLine(), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        List<TrustedKey> keys = new ArrayList<>();
        Map<VerifyingKey, Integer> unboundBlockByKey = new HashMap<>();
        Map<VerifyingKey, Integer> boundBlockByKey = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            Pem.Block block = blocks.get(i);
            int number = i + 1;
            if (!block.label().equals(PUBLIC_KEY)) {
                throw new IllegalArgumentException(source + ": PEM block " + number + " must be a PUBLIC KEY, but was "
                        + block.label() + (block.label().contains("PRIVATE") ? " (never give a terminal a private key)" : ""));
            }
            try {
                checkOutsideText(block.textBefore(), block.line() - block.textBefore().size(), true);
                TrustedKey key = TrustedKey.fromSpki(block.der());
                Optional<String> issuer = issuer(block);
                keys.add(issuer.isPresent() ? key.boundTo(issuer.get()) : key);
                (issuer.isPresent() ? boundBlockByKey : unboundBlockByKey).putIfAbsent(key.key(), number);
                Integer bound = boundBlockByKey.get(key.key());
                Integer unbound = unboundBlockByKey.get(key.key());
                if (bound != null && unbound != null) {
                    throw new IllegalArgumentException("the key of block " + bound + " is bound to an issuer, but block "
                            + unbound + " lists it again unbound, which would trust it for every issuer");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": PEM block " + number + " (line " + block.line() + "): " + e.getMessage(), e);
            }
        }
        return new TrustStore(keys);
    }

    /**
     * Outside the blocks: blank lines, {@code #} comments, and (directly before a block) one
     * {@code Issuer:} line; anything else is refused, so that no binding is mistaken for a comment.
     */
    private static void checkOutsideText(List<String> lines, int firstLine, boolean beforeABlock) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean last = i == lines.size() - 1;
            if (line.isEmpty() || line.startsWith("#") || (beforeABlock && last && isIssuerLine(line))) {
                continue;
            }
            if (isIssuerLine(line)) {
                throw new IllegalArgumentException("the " + ISSUER_LINE + " line on line " + (firstLine + i)
                        + " must directly precede the PUBLIC KEY block it binds, but " + (beforeABlock ? "does not" : "no block follows it"));
            }
            throw new IllegalArgumentException("outside its PEM blocks a trust file may hold only blank lines, # comments and "
                    + ISSUER_LINE + " lines, but line " + (firstLine + i) + " is \"" + shorten(line) + "\"");
        }
    }

    /** The issuer named on the line directly before the block, if that line is an {@code Issuer:} line. */
    private static Optional<String> issuer(Pem.Block block) {
        List<String> before = block.textBefore();
        if (before.isEmpty() || !isIssuerLine(before.get(before.size() - 1))) {
            return Optional.empty();
        }
        String issuer = before.get(before.size() - 1).strip().substring(ISSUER_LINE.length()).strip();
        int line = block.line() - 1;
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("the " + ISSUER_LINE + " line on line " + line + " must name an issuer, but is empty");
        }
        if (issuer.indexOf('\uFFFD') >= 0) {
            // Pem.readFile turned bytes that are not UTF-8 into U+FFFD: such an issuer would match no credential.
            throw new IllegalArgumentException("the " + ISSUER_LINE + " line on line " + line + " is not valid UTF-8 (save the file as UTF-8)");
        }
        String normalized = ClaimText.normalize(issuer);
        ClaimText.problem(normalized).ifPresent(problem -> {
            throw new IllegalArgumentException("the issuer on line " + line + " must be " + ClaimText.RULE + ", but " + problem
                    + ": " + ClaimText.shown(normalized));
        });
        return Optional.of(normalized);
    }

    private static boolean isIssuerLine(String line) {
        String stripped = line.strip();
        return stripped.regionMatches(true, 0, ISSUER_LINE, 0, ISSUER_LINE.length());
    }

    private static String shorten(String line) {
        String printable = line.codePoints()
                .mapToObj(c -> c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\u%04X", c))
                .collect(Collectors.joining());
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    public static TrustStore load(Path file) throws IOException {
        return fromPem(Pem.readFile(file), file.toString());
    }

    /** The distinct keys listed under {@code keyId}, each once however many issuers it is listed for. */
    public List<VerifyingKey> keysFor(KeyId keyId) {
        return byKeyId.getOrDefault(keyId, List.of());
    }

    /** Whether some listing of {@code key} trusts it for credentials with claim {@code iss}. */
    public boolean trusts(VerifyingKey key, String iss) {
        return unbound.contains(key) || boundIssuers.getOrDefault(key, Set.of()).contains(iss);
    }

    /** The issuers {@code key} is bound to, for messages; empty when it is unbound or not listed. */
    public Set<String> issuersOf(VerifyingKey key) {
        return boundIssuers.getOrDefault(key, Set.of());
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
