package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.policy.Passages;
import io.limen.agent.policy.Presentations;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.time.TimeReading;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.Presenter;
import io.limen.format.credential.TrustStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Dynamic codes through the whole decision path, with the wall clock stepped by hand: accepted once,
 * refused when shown again, refused as a screenshot once out of the window, and after a restart.
 */
class DynamicCodeCheckpointTest {

    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    private static final IssuerKey ISSUER = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    private static final SigningKey HOLDER = SigningKey.generate(CoseAlgorithm.ES256, new SecureRandom());
    private static final String CREDENTIAL = new CredentialIssuer(ISSUER).issue(new Claims("https://issuer.example", "holder-1",
            START.minus(Duration.ofDays(1)), Optional.empty(), START.plus(Duration.ofDays(30)), CredentialId.fromHex("0c0d"),
            Optional.of(HolderKey.of(HOLDER.verifyingKey())), List.of(), Optional.empty()));
    private static final Presenter APP = new Presenter(CREDENTIAL, HOLDER);
    private static final ListSnapshot TRUSTING = ListSnapshot.of(TrustStore.of(List.of(ISSUER.publicKey())), RevocationSet.empty(), START);

    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    private Checkpoint terminal(Duration window, Instant startedAt) {
        return new Checkpoint(new QrDecoder(), Duration.ofSeconds(60), window, AccessPolicy.standard(Optional.empty()), () -> TRUSTING,
                () -> TimeReading.trusted(now.get()), () -> 0, new Passages(16), new Presentations(100, window, startedAt));
    }

    private String code(Instant signedAt, int nonce) {
        return APP.present(signedAt, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) nonce});
    }

    @Test
    void freshCode_isGrantedOnce_thenRefusedAsReplayed_andAFreshOneIsGrantedAgain() {
        Checkpoint checkpoint = terminal(Duration.ofSeconds(30), START);
        String code = code(START, 1);

        assertEquals(Reason.OK, checkpoint.check(code).reason());
        now.set(START.plusSeconds(5));
        assertEquals(Reason.REPLAYED, checkpoint.check(code).reason());
        assertEquals(Reason.OK, checkpoint.check(code(START.plusSeconds(5), 2)).reason());
    }

    @Test
    void replayAfterTheWindow_isRefusedAsExpired_notForgottenIntoAGrant() {
        Checkpoint checkpoint = terminal(Duration.ofSeconds(30), START);
        String code = code(START, 1);
        assertEquals(Reason.OK, checkpoint.check(code).reason());

        now.set(START.plusSeconds(30));
        assertEquals(Reason.REPLAYED, checkpoint.check(code).reason(), "at t + window: still fresh, still remembered");
        now.set(START.plusSeconds(31));
        checkpoint.check(code(START.plusSeconds(31), 2)); // a grant makes the memory forget what is past its window
        assertEquals(Reason.PRESENTATION_EXPIRED, checkpoint.check(code).reason());
    }

    @Test
    void twoMinuteOldScreenshot_isRefusedAsPresentationExpired() {
        Checkpoint checkpoint = terminal(Duration.ofSeconds(30), START);
        now.set(START.plus(Duration.ofMinutes(2)));

        ScanOutcome.Scanned scanned = checkpoint.check(code(START, 1));
        assertEquals(Reason.PRESENTATION_EXPIRED, scanned.reason());
        assertTrue(scanned.decision().credential().isPresent(), "the log says whose code was screenshot");
    }

    @Test
    void windowFromTheConfig_isTheOneJudged() {
        now.set(START.plusSeconds(10));
        assertEquals(Reason.PRESENTATION_EXPIRED, terminal(Duration.ofSeconds(5), START).check(code(START.plusSeconds(4), 1)).reason());
        assertEquals(Reason.OK, terminal(Duration.ofSeconds(10), START).check(code(START.plusSeconds(4), 1)).reason());
    }

    @Test
    void afterARestart_aCodeSignedBeforeTheStartIsRefused_andTheNextCodeIsGranted() {
        String beforeRestart = code(START.minusSeconds(3), 1);
        Checkpoint restarted = terminal(Duration.ofSeconds(30), START);

        assertEquals(Reason.REPLAYED, restarted.check(beforeRestart).reason());
        assertEquals(Reason.OK, restarted.check(code(START, 2)).reason());
    }
}
