package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.time.TimeReading;
import io.limen.config.ListsConfig.Degraded;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lists_stale and clock_unsynced, each mode a building manager can choose, on stepped times. */
class StalenessRulesTest {

    private static final Instant LISTS_AT = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofHours(48);

    private static Credential issuedAt(Instant iat) {
        Claims claims = new Claims("iss", "sub", iat, Optional.empty(), iat.plus(Duration.ofDays(365)),
                CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    private static ScanContext at(TimeReading time) {
        return new ScanContext(time, ListSnapshot.of(TrustStore.empty(), RevocationSet.empty(), LISTS_AT), 0, new Passages(4));
    }

    private static Optional<Reason> stale(Degraded mode, Duration age, Instant issued) {
        return new ListsFresh(MAX_AGE, mode).check(issuedAt(issued), at(TimeReading.trusted(LISTS_AT.plus(age))))
                .map(Decision.Denied::reason);
    }

    @Test
    void listsWithinTheirMaxAge_admitInEveryMode() {
        for (Degraded mode : Degraded.values()) {
            assertEquals(Optional.empty(), stale(mode, MAX_AGE, LISTS_AT.plusSeconds(60)), mode.configName());
        }
    }

    @Test
    void staleLists_admitWithWarning_admitsAll() {
        assertEquals(Optional.empty(), stale(Degraded.ADMIT_WITH_WARNING, MAX_AGE.plusSeconds(1), LISTS_AT.plusSeconds(60)));
    }

    @Test
    void staleLists_admitIssuedBefore_refusesOnlyNewerCredentials() {
        Duration age = MAX_AGE.plusHours(1);
        assertEquals(Optional.empty(), stale(Degraded.ADMIT_ISSUED_BEFORE, age, LISTS_AT.minusSeconds(1)));
        assertEquals(Optional.of(Reason.LISTS_STALE), stale(Degraded.ADMIT_ISSUED_BEFORE, age, LISTS_AT.plusSeconds(1)));
    }

    @Test
    void staleLists_refuse_refusesAll() {
        assertEquals(Optional.of(Reason.LISTS_STALE), stale(Degraded.REFUSE, MAX_AGE.plusSeconds(1), LISTS_AT.minusSeconds(3600)));
    }

    @Test
    void anUntrustedClock_isHandledByTheChosenMode() {
        Instant floor = Instant.parse("2026-11-30T12:00:00Z");
        ScanContext untrusted = at(new TimeReading(floor, TimeReading.Trust.UNSYNCHRONISED));
        Credential older = issuedAt(floor.minusSeconds(60));
        Credential newer = issuedAt(floor.plusSeconds(60));

        assertTrue(new ClockTrusted(Degraded.ADMIT_WITH_WARNING).check(newer, untrusted).isEmpty());
        assertTrue(new ClockTrusted(Degraded.ADMIT_ISSUED_BEFORE).check(older, untrusted).isEmpty());
        assertEquals(Reason.CLOCK_UNSYNCED, new ClockTrusted(Degraded.ADMIT_ISSUED_BEFORE).check(newer, untrusted).orElseThrow().reason());
        assertEquals(Reason.CLOCK_UNSYNCED, new ClockTrusted(Degraded.REFUSE).check(older, untrusted).orElseThrow().reason());
        assertTrue(new ClockTrusted(Degraded.REFUSE).check(newer, at(TimeReading.trusted(floor))).isEmpty());
    }

    @Test
    void aGrantDespiteStaleListsOrAnUntrustedClock_carriesItsWarnings_inPolicyOrder() {
        Instant floor = LISTS_AT.plus(MAX_AGE).plusSeconds(1);
        Verification verified = new Verification.Verified(issuedAt(LISTS_AT.minusSeconds(60)));
        AccessPolicy lenient = AccessPolicy.of(Optional.empty(), io.limen.config.PolicyConfig.DEFAULTS,
                new io.limen.config.ListsConfig(Optional.empty(), Optional.empty(), MAX_AGE, Degraded.ADMIT_WITH_WARNING,
                        Degraded.ADMIT_WITH_WARNING));
        Decision.Granted both = (Decision.Granted) lenient.decide(verified, at(new TimeReading(floor, TimeReading.Trust.UNSYNCHRONISED)));
        assertEquals(List.of(Reason.CLOCK_UNSYNCED, Reason.LISTS_STALE), both.warnings());
        assertTrue(both.degraded());
        Decision.Granted stale = (Decision.Granted) lenient.decide(verified, at(TimeReading.trusted(floor)));
        assertEquals(List.of(Reason.LISTS_STALE), stale.warnings());
        Decision.Granted fresh = (Decision.Granted) lenient.decide(verified, at(TimeReading.trusted(LISTS_AT.plus(MAX_AGE))));
        assertEquals(List.of(), fresh.warnings());
        assertEquals(new Decision.Granted(fresh.holder()), fresh, "a grant in good order equals the plain one");
        // admit-issued-before lets an older credential in while stale: the grant says so too.
        AccessPolicy issuedBefore = AccessPolicy.of(Optional.empty(), io.limen.config.PolicyConfig.DEFAULTS,
                new io.limen.config.ListsConfig(Optional.empty(), Optional.empty(), MAX_AGE, Degraded.ADMIT_ISSUED_BEFORE,
                        Degraded.REFUSE));
        assertEquals(List.of(Reason.LISTS_STALE),
                ((Decision.Granted) issuedBefore.decide(verified, at(TimeReading.trusted(floor)))).warnings());
    }
}
