package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.time.TimeReading;
import io.limen.config.Direction;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Anti-passback at its boundaries: timed on the monotonic clock, per credential, per direction. */
class NoPassbackTest {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final long W = WINDOW.toNanos();
    static final Credential ADA = credential("0a");
    static final Credential BOB = credential("0b");

    static Credential credential(String cti) {
        Claims claims = new Claims("iss", "holder-" + cti, Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex(cti), Optional.empty(), List.of(), Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    private final Passages passages = new Passages(16, Direction.ENTRY);
    private final NoPassback entry = new NoPassback(WINDOW, Direction.ENTRY);

    private Optional<Reason> check(NoPassback rule, Credential c, long nowNanos) {
        ScanContext context = new ScanContext(TimeReading.trusted(Instant.EPOCH),
                ListSnapshot.of(TrustStore.empty(), RevocationSet.empty(), Instant.EPOCH), nowNanos, passages);
        return rule.check(c, context).map(Decision.Denied::reason);
    }

    @Test
    void sameCredentialSameWay_isRefusedUpToTheWindow_andAdmittedAtIt() {
        passages.record(ADA.revocationKey(), 1_000);
        assertEquals(Optional.of(Reason.PASSBACK), check(entry, ADA, 1_000));
        assertEquals(Optional.of(Reason.PASSBACK), check(entry, ADA, 1_000 + W - 1));
        assertEquals(Optional.empty(), check(entry, ADA, 1_000 + W));
    }

    @Test
    void anotherCredential_isNotAffected() {
        passages.record(ADA.revocationKey(), 0);
        assertEquals(Optional.empty(), check(entry, BOB, 1));
    }

    @Test
    void theOtherDirection_isNotAPassback() {
        passages.record(ADA.revocationKey(), Direction.ENTRY, 0);
        NoPassback exit = new NoPassback(WINDOW, Direction.EXIT);
        assertEquals(Optional.empty(), check(exit, ADA, 1));
        passages.record(ADA.revocationKey(), Direction.EXIT, 2);
        assertEquals(Optional.of(Reason.PASSBACK), check(exit, ADA, 3));
    }

    @Test
    void aGrantGivenBack_doesNotCount_butAnOlderOneStill_does() {
        passages.record(ADA.revocationKey(), 0);
        passages.record(ADA.revocationKey(), 100);
        passages.giveBack(ADA.revocationKey(), Direction.ENTRY);
        assertEquals(Optional.of(Reason.PASSBACK), check(entry, ADA, W - 1), "the grant at 0 still counts");
        assertEquals(Optional.empty(), check(entry, ADA, W), "and the one given back at 100 does not extend it");
    }

    @Test
    void givingBackTheOtherDirection_changesNothing() {
        passages.record(ADA.revocationKey(), 0);
        passages.giveBack(ADA.revocationKey(), Direction.EXIT);
        assertEquals(Optional.of(Reason.PASSBACK), check(entry, ADA, 1));
    }

    @Test
    void refusal_saysWhenAndTheWindow() {
        passages.record(ADA.revocationKey(), 0);
        ScanContext context = new ScanContext(TimeReading.trusted(Instant.EPOCH),
                ListSnapshot.of(TrustStore.empty(), RevocationSet.empty(), Instant.EPOCH), 2_000_000_000L, passages);
        assertEquals("granted here going entry 2000 ms ago, within the anti-passback window of 300000 ms",
                entry.check(ADA, context).orElseThrow().detail());
    }

    @Test
    void nonPositiveWindow_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NoPassback(Duration.ZERO, Direction.ENTRY));
        assertEquals("anti-passback window must be positive, but was 0 ms", e.getMessage());
    }
}
