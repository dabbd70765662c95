package io.limen.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How credentials are verified.
 *
 * @param trustFile the issuer public keys the terminal trusts (PEM, see docs/credential-format.md)
 * @param clockSkew how far the terminal's clock may be off the issuer's when judging expiry and
 *                  not-before, 0..1 h; the one place this limit is written
 */
public record CredentialsConfig(Path trustFile, Duration clockSkew) {

    /** {@link #clockSkew} in milliseconds: 0..1 h. */
    public static final Range CLOCK_SKEW_MS = new Range(0, 3_600_000);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMillis(CLOCK_SKEW_MS.max());

    public CredentialsConfig {
        Checks.present("credentials.trustFile", trustFile);
        Checks.within("credentials.clockSkew", clockSkew, CLOCK_SKEW_MS);
    }

    public CredentialsConfig(Path trustFile) {
        this(trustFile, DEFAULT_CLOCK_SKEW);
    }
}
