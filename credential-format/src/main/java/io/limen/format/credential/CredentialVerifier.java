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
 */
public final class CredentialVerifier {

    /** Static credential: {@code LP1:} + Base45(COSE_Sign1, maybe zlib-compressed). */
    public static final String STATIC_PREFIX = "LP1:";
    /** Dynamic code signed by the holder's key: a later format; see docs/credential-format.md. */
    public static final String DYNAMIC_PREFIX = "LQ1:";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** A QR code holds at most 4,296 alphanumeric characters; anything longer did not come from one. */
    public static final int MAX_TEXT_LENGTH = 4_296;
    public static final int MAX_PAYLOAD_BYTES = 4_096;

    private static final Logger log = LoggerFactory.getLogger(CredentialVerifier.class);

    private static final long BUG_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Supplier<TrustStore> trust;
    private final Duration clockSkew;
    private final AtomicLong lastBugLogNanos = new AtomicLong(System.nanoTime() - BUG_LOG_INTERVAL_NANOS);
    private final AtomicLong unreportedBugs = new AtomicLong();

    /**
     * @param trust     read on every check, so a list update swapped in behind it applies at once
     * @param clockSkew how far the terminal's clock may be off the issuer's
     */
    public CredentialVerifier(Supplier<TrustStore> trust, Duration clockSkew) {
        this.trust = Objects.requireNonNull(trust, "trust");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("clock skew must be within 0..1h, but was " + clockSkew);
        }
        this.clockSkew = clockSkew;
    }

    public Verification verify(String text, Instant now) {
        try {
            Credential credential = verifySignedCredential(text);
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

    private Credential verifySignedCredential(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CredentialRefusal(Reason.TOO_LARGE, "code text must be at most " + MAX_TEXT_LENGTH + " characters, but was " + text.length());
        }
        if (text.startsWith(DYNAMIC_PREFIX)) {
            throw new CredentialRefusal(Reason.BAD_PREFIX, "dynamic codes (" + DYNAMIC_PREFIX + ") are not accepted yet");
        }
        if (!text.startsWith(STATIC_PREFIX)) {
            throw new CredentialRefusal(Reason.BAD_PREFIX, "code text must start with " + STATIC_PREFIX);
        }
        TrustStore store = trust.get();
        CoseSign1.Signed signed = switch (CoseSign1.verify(payloadBytes(text, STATIC_PREFIX.length()), store::keysFor)) {
            case CoseResult.Accepted<CoseSign1.Signed> accepted -> accepted.value();
            case CoseResult.Refused<CoseSign1.Signed> refused -> throw new CredentialRefusal(refused.reason(), refused.detail());
        };
        CoseSign1 cose = signed.message();
        Credential credential = new Credential(ClaimsReader.read(cose.payload()), cose.keyId(), cose.algorithm());
        checkIssuer(store, signed.signer(), credential);
        return credential;
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
