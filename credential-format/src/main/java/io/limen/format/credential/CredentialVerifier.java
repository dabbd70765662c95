package io.limen.format.credential;

import io.limen.format.Reason;
import io.limen.format.cose.CoseResult;
import io.limen.format.cose.CoseSign1;
import io.limen.format.cose.VerifyingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a code's text offline: prefix, Base45, zlib, COSE_Sign1, issuer signature, CWT claims and
 * validity in time. Hostile input: it returns a {@link Verification} and never throws. Thread-safe.
 *
 * <p>The signature is checked before the claims are read, so only an issuer's bytes are ever parsed
 * as claims. Then a key bound to an issuer must be the claimed issuer's, then the time must be right.
 *
 * <p>A dynamic code ({@code LQ1:}) wraps a credential in a holder-signed {@code [credential, t,
 * nonce]}: the credential is checked as above, then the holder's signature with the key its
 * {@code cnf} names, then {@code t} against the window. Whether the same presentation was seen before
 * is the terminal's to remember ({@link Credential#presentation()} names it).
 */
public final class CredentialVerifier {

    /** Static credential: {@code LP1:} + Base45(COSE_Sign1, maybe zlib-compressed). */
    public static final String STATIC_PREFIX = "LP1:";
    /** Dynamic code signed by the holder's key ({@code cnf}); see docs/credential-format.md §9. */
    public static final String DYNAMIC_PREFIX = "LQ1:";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** How far a dynamic code's {@code t} may be from the terminal's clock, either way, by default. */
    public static final Duration DEFAULT_PRESENTATION_WINDOW = Duration.ofSeconds(30);
    /** The widest window allowed: past a few minutes a screenshot passes for fresh. */
    public static final Duration MAX_PRESENTATION_WINDOW = Duration.ofMinutes(10);
    /** A QR code holds at most 4,296 alphanumeric characters; anything longer did not come from one. */
    public static final int MAX_TEXT_LENGTH = 4_296;
    public static final int MAX_PAYLOAD_BYTES = 4_096;

    private static final Logger log = LoggerFactory.getLogger(CredentialVerifier.class);

    private static final long BUG_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Supplier<TrustStore> trust;
    private final Duration clockSkew;
    private final Duration window;
    private final AtomicLong lastBugLogNanos = new AtomicLong(System.nanoTime() - BUG_LOG_INTERVAL_NANOS);
    private final AtomicLong unreportedBugs = new AtomicLong();

    /**
     * @param trust     read on every check, so a list update swapped in behind it applies at once
     * @param clockSkew how far the terminal's clock may be off the issuer's
     */
    public CredentialVerifier(Supplier<TrustStore> trust, Duration clockSkew) {
        this(trust, clockSkew, DEFAULT_PRESENTATION_WINDOW);
    }

    /**
     * @param window how far a dynamic code's {@code t} may be from {@code now}, either way (inclusive),
     *               1 s..{@link #MAX_PRESENTATION_WINDOW}
     */
    public CredentialVerifier(Supplier<TrustStore> trust, Duration clockSkew, Duration window) {
        this.trust = Objects.requireNonNull(trust, "trust");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("clock skew must be within 0..1h, but was " + clockSkew);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_PRESENTATION_WINDOW) > 0) {
            throw new IllegalArgumentException("presentation window must be within 1s.." + MAX_PRESENTATION_WINDOW.toSeconds()
                    + "s, but was " + window);
        }
        this.clockSkew = clockSkew;
        this.window = window;
    }

    /** The window a dynamic code's {@code t} must fall in around the terminal's clock, either way. */
    public Duration presentationWindow() {
        return window;
    }

    /**
     * @param now the terminal's clock, the reading every rule of this scan judges by
     */
    public Verification verify(String text, Instant now) {
        try {
            Credential credential = check(text, now);
            checkValidity(credential, now);
            return new Verification.Verified(credential);
        } catch (CredentialRefusal refusal) {
            return new Verification.Refused(refusal.reason(), refusal.getMessage(), refusal.credential());
        } catch (RuntimeException bug) {
            // A parser bug must not open the gate nor stop the terminal: refuse, and leave a trace. At most
            // one line a minute, with the count since: a code held to the camera repeats 30 times a second.
            long nanos = System.nanoTime();
            long last = lastBugLogNanos.get();
            if (nanos - last >= BUG_LOG_INTERVAL_NANOS && lastBugLogNanos.compareAndSet(last, nanos)) {
                log.warn("credential check failed unexpectedly; refused as bad_cose ({} more since the last report)",
                        unreportedBugs.getAndSet(0), bug);
            } else {
                unreportedBugs.incrementAndGet();
            }
            return new Verification.Refused(Reason.BAD_COSE, "unexpected " + bug.getClass().getSimpleName());
        }
    }

    private Credential check(String text, Instant now) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CredentialRefusal(Reason.TOO_LARGE, "code text must be at most " + MAX_TEXT_LENGTH + " characters, but was " + text.length());
        }
        if (text.startsWith(DYNAMIC_PREFIX)) {
            return verifyPresentation(payloadBytes(text, DYNAMIC_PREFIX.length()), now);
        }
        if (!text.startsWith(STATIC_PREFIX)) {
            throw new CredentialRefusal(Reason.BAD_PREFIX, "code text must start with " + STATIC_PREFIX + " or " + DYNAMIC_PREFIX);
        }
        return verifySignedCredential(trust.get(), decode(payloadBytes(text, STATIC_PREFIX.length()), ""));
    }

    private static Credential verifySignedCredential(TrustStore store, CoseSign1 cose) {
        CoseSign1.Signed signed = switch (CoseSign1.verify(cose, store::keysFor)) {
            case CoseResult.Accepted<CoseSign1.Signed> accepted -> accepted.value();
            case CoseResult.Refused<CoseSign1.Signed> refused -> throw new CredentialRefusal(refused.reason(), refused.detail());
        };
        Credential credential = new Credential(ClaimsReader.read(cose.payload()), cose.keyId(), cose.algorithm());
        checkIssuer(store, signed.signer(), credential);
        return credential;
    }

    /**
     * An {@code LQ1:} code: its outer COSE_Sign1 and payload are read unverified (the key that signed
     * them is inside), then the credential is verified like a static one, and only then the holder's
     * signature with the {@code cnf} key and {@code t} against the window.
     */
    private Credential verifyPresentation(byte[] bytes, Instant now) {
        CoseSign1 outer = decode(bytes, "dynamic code: ");
        PresentationPayload payload = PresentationPayload.read(outer.payload());
        if (Zlib.looksCompressed(payload.credential())) {
            throw PresentationPayload.refusal("the credential inside a dynamic code must be its COSE_Sign1 as signed, not zlib-compressed");
        }
        CoseSign1 inner = decode(payload.credential(), "credential inside the dynamic code: ");
        if (startsWithArray(inner.payload())) {
            // A presentation's payload is an array, a credential's a map: one dynamic code inside another,
            // which would pass one holder signature off for a fresh one. Refused before any verification.
            throw PresentationPayload.refusal("the credential inside a dynamic code is itself a dynamic code (nested presentations are refused)");
        }
        Credential credential = verifySignedCredential(trust.get(), inner);
        HolderKey holder = credential.claims().holderKey().orElseThrow(() -> new CredentialRefusal(Reason.NO_HOLDER_KEY,
                "the credential names no holder key (cnf), so it cannot be shown as a dynamic code", credential));
        VerifyingKey holderKey = holder.verifyingKey();
        if (!outer.keyId().equals(holderKey.keyId())) {
            throw new CredentialRefusal(Reason.BAD_HOLDER_SIGNATURE, "the dynamic code's kid " + outer.keyId()
                    + " is not the holder key's (cnf) " + holderKey.keyId(), credential);
        }
        if (!holderKey.verifies(outer.algorithm(), outer.toBeSigned(), outer.signature())) {
            throw new CredentialRefusal(Reason.BAD_HOLDER_SIGNATURE, "the holder key (cnf, " + holderKey.algorithm() + ", kid "
                    + holderKey.keyId() + ") does not verify the dynamic code's " + outer.algorithm() + " signature", credential);
        }
        Instant signedAt = payload.signedAt();
        // Inclusive both ways: |now - t| <= window. The window is the only allowance for the phone's clock.
        if (now.isAfter(signedAt.plus(window))) {
            throw new CredentialRefusal(Reason.PRESENTATION_EXPIRED, "the dynamic code was signed at " + signedAt + ", "
                    + Duration.between(signedAt, now).toSeconds() + " s ago; the window is " + window.toSeconds() + " s", credential);
        }
        if (now.isBefore(signedAt.minus(window))) {
            throw new CredentialRefusal(Reason.PRESENTATION_NOT_YET_VALID, "the dynamic code was signed at " + signedAt + ", "
                    + Duration.between(now, signedAt).toSeconds() + " s ahead of this terminal's clock; the window is "
                    + window.toSeconds() + " s", credential);
        }
        return credential.presented(new Presentation(signedAt, payload.nonce()));
    }

    /** A CBOR array's first byte: major type 4 (0x80..0x9f). */
    private static boolean startsWithArray(byte[] cbor) {
        return cbor.length > 0 && (cbor[0] & 0xe0) == 0x80;
    }

    private static CoseSign1 decode(byte[] bytes, String what) {
        return switch (CoseSign1.decode(bytes)) {
            case CoseResult.Accepted<CoseSign1> accepted -> accepted.value();
            case CoseResult.Refused<CoseSign1> refused -> throw new CredentialRefusal(refused.reason(), what + refused.detail());
        };
    }

    /**
     * The claims of a credential's COSE bytes, its signature NOT checked: for the holder's own tools
     * ({@link Presenter}), which hold a credential they were given, never for a terminal's decision.
     */
    static Claims unverifiedClaims(byte[] coseSign1) {
        return ClaimsReader.read(decode(coseSign1, "").payload());
    }

    /**
     * A key bound to an issuer signs for that issuer only. The same key may be listed once per issuer
     * it is trusted for, so any listing of it that trusts the claimed issuer will do.
     */
    private static void checkIssuer(TrustStore store, VerifyingKey signer, Credential credential) {
        String iss = credential.claims().issuer();
        if (!store.trusts(signer, iss)) {
            // No credential goes with this refusal: its claims were made by a key not trusted to make them,
            // and the log must not show them as if they were the holder's.
            throw new CredentialRefusal(Reason.UNTRUSTED_ISSUER, "the key of kid " + credential.keyId() + " is trusted for "
                    + issuers(store.issuersOf(signer)) + " only, but the credential names issuer " + iss);
        }
    }

    /** "issuer A", "issuers A, B", or "7000 issuers (A, B, C, ...)": a detail stays one short line. */
    private static String issuers(Set<String> issuers) {
        List<String> sorted = issuers.stream().sorted().toList();
        if (sorted.size() == 1) {
            return "issuer " + sorted.get(0);
        }
        if (sorted.size() <= 3) {
            return "issuers " + String.join(", ", sorted);
        }
        return sorted.size() + " issuers (" + String.join(", ", sorted.subList(0, 3)) + ", ...)";
    }

    /** The COSE bytes under the prefix: Base45 decoded, inflated when compressed. */
    static byte[] payloadBytes(String text, int from) {
        byte[] bytes;
        try {
            bytes = Base45.decode(text, from);
        } catch (IllegalArgumentException e) {
            throw new CredentialRefusal(Reason.BAD_BASE45, e.getMessage());
        }
        return Zlib.looksCompressed(bytes) ? Zlib.inflate(bytes, MAX_PAYLOAD_BYTES) : bytes;
    }

    private void checkValidity(Credential credential, Instant now) {
        // exp is the time "on or after which" the credential must not be accepted (RFC 7519 §4.1.4).
        if (!now.isBefore(credential.claims().expiresAt().plus(clockSkew))) {
            throw new CredentialRefusal(Reason.EXPIRED, "expired at " + credential.claims().expiresAt() + " (clock skew " + clockSkew.toSeconds() + " s)",
                    credential);
        }
        Instant issuedAt = credential.claims().issuedAt();
        Instant earliest = credential.claims().notBefore().filter(notBefore -> notBefore.isAfter(issuedAt)).orElse(issuedAt);
        if (now.plus(clockSkew).isBefore(earliest)) {
            throw new CredentialRefusal(Reason.NOT_YET_VALID, "not valid before " + earliest + " (clock skew " + clockSkew.toSeconds() + " s)",
                    credential);
        }
    }
}
