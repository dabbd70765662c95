package io.limen.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.decode.QrDecoder;
import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.policy.AccessPolicy;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.simulation.SyntheticScene;
import io.limen.agent.time.TimeReading;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.TrustStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final IssuerKey KEY = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    static final Claims CLAIMS = new Claims("https://issuer.example", "holder-1", NOW.minusSeconds(60), Optional.empty(),
            NOW.plus(Duration.ofHours(1)), CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), Optional.empty());
    static final String TEXT = new CredentialIssuer(KEY).issue(CLAIMS);
    static final ListSnapshot TRUSTING = ListSnapshot.of(TrustStore.of(List.of(KEY.publicKey())), RevocationSet.empty(), NOW);

    private static Checkpoint checkpoint(Supplier<ListSnapshot> lists, TimeReading now) {
        return new Checkpoint(new QrDecoder(), Duration.ofSeconds(60), AccessPolicy.standard(Optional.empty()), lists, () -> now, () -> 0);
    }

    @Test
    void frameWithoutACode_isNoCode_notADenial_andOnlyTheDecoderRan() {
        ScanOutcome outcome = checkpoint(() -> TRUSTING, TimeReading.trusted(NOW)).scan(SyntheticScene.withoutCode(4));

        ScanOutcome.NoCode noCode = assertInstanceOf(ScanOutcome.NoCode.class, outcome);
        assertEquals(Reason.NO_CODE, noCode.reason());
        assertTrue(noCode.times().decodeNanos() > 0);
        assertEquals(0, noCode.times().verifyNanos() + noCode.times().decideNanos());
    }

    @Test
    void listsAreReadOncePerScan_theVerifierAndThePolicyJudgeByOneSnapshot() {
        // Every read after the first would see a snapshot that trusts nothing and revokes the credential.
        ListSnapshot hostile = ListSnapshot.of(TrustStore.empty(), RevocationSet.of(9, CLAIMS.revocationKey()), NOW);
        AtomicInteger reads = new AtomicInteger();
        Checkpoint checkpoint = checkpoint(() -> reads.getAndIncrement() % 2 == 0 ? TRUSTING : hostile, TimeReading.trusted(NOW));

        assertEquals(Reason.OK, checkpoint.check(TEXT).reason());
        assertEquals(1, reads.get());
        assertEquals(Reason.UNKNOWN_KID, checkpoint.check(TEXT).reason(), "the next scan takes the next snapshot, whole");
        assertEquals(2, reads.get());
    }

    @Test
    void theWallClockReading_isTheInstantJudged() {
        TimeReading later = TimeReading.trusted(NOW.plus(Duration.ofHours(2)));

        assertEquals(Reason.EXPIRED, checkpoint(() -> TRUSTING, later).check(TEXT).reason());
    }
}
