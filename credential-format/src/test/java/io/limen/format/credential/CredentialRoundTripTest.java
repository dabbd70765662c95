package io.limen.format.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialRoundTripTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static Claims claims() {
        return new Claims("https://issuer.example", "holder-7f3a", NOW.minus(Duration.ofDays(1)), Optional.empty(),
                NOW.plus(Duration.ofDays(30)), new CredentialId(HexFormat.of().parseHex("0102030405060708")),
                Optional.empty(), List.of("lobby", "floor-3"), Optional.of("Ada L."));
    }

    @ParameterizedTest
    @EnumSource(CoseAlgorithm.class)
    void issuedCredential_verifiesWithItsClaims(CoseAlgorithm algorithm) {
        IssuerKey key = IssuerKey.generate(algorithm, new SecureRandom());
        String text = new CredentialIssuer(key).issue(claims());
        CredentialVerifier verifier = new CredentialVerifier(() -> TrustStore.of(List.of(key.publicKey())), Duration.ofSeconds(60));

        Verification result = verifier.verify(text, NOW);

        Verification.Verified verified = assertInstanceOf(Verification.Verified.class, result, result.toString());
        assertEquals(claims(), verified.credential().claims());
        assertEquals(key.keyId(), verified.credential().keyId());
        assertTrue(text.startsWith("LP1:"));
    }

    @ParameterizedTest
    @EnumSource(CoseAlgorithm.class)
    void issuerKey_survivesPemRoundTrip(CoseAlgorithm algorithm) {
        IssuerKey key = IssuerKey.generate(algorithm, new SecureRandom());
        IssuerKey reloaded = IssuerKey.fromPem(key.toPem(), "test");
        TrustStore trust = TrustStore.fromPem(key.publicKeyPem(), "test");
        String text = new CredentialIssuer(reloaded).issue(claims());

        Verification result = new CredentialVerifier(() -> trust, Duration.ofSeconds(60)).verify(text, NOW);

        assertInstanceOf(Verification.Verified.class, result, result.toString());
        assertEquals(key.keyId(), reloaded.keyId());
    }

    @ParameterizedTest
    @EnumSource(CoseAlgorithm.class)
    void otherIssuersKey_isRefusedAsUnknownKid(CoseAlgorithm algorithm) {
        IssuerKey key = IssuerKey.generate(algorithm, new SecureRandom());
        IssuerKey other = IssuerKey.generate(algorithm, new SecureRandom());
        String text = new CredentialIssuer(key).issue(claims());

        Verification result = new CredentialVerifier(() -> TrustStore.of(List.of(other.publicKey())), Duration.ofSeconds(60)).verify(text, NOW);

        assertEquals(Reason.UNKNOWN_KID, ((Verification.Refused) result).reason());
    }
}
