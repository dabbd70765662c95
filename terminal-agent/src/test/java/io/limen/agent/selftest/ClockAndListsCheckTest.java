package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.revocation.RevocationStore;
import io.limen.agent.revocation.SqliteConnections;
import io.limen.config.AgentConfig;
import io.limen.config.ListsConfig;
import io.limen.config.PathsConfig;
import io.limen.config.RevocationConfig;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.RevocationKey;
import io.limen.format.lists.ListDocument;
import io.limen.format.lists.ListDocuments;
import io.limen.format.lists.ListHeader;
import io.limen.format.lists.ListKind;
import io.limen.format.lists.TrustEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock against the time floor, and the lists' ages against lists.maxAge, on real files: a floor
 * file as {@code run} writes it, a signed trust list beside the trust file, a SQLite revocation store
 * with its issue time recorded by the store itself.
 */
class ClockAndListsCheckTest {

    static final Instant NOW = Instant.parse("2026-11-30T16:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private Check clock(ClockState clock, ListsConfig lists) {
        return ClockCheck.run(clock, dir, lists);
    }

    @Test
    void clockBehindTheFloor_failsAndIsNeeded_sayingByHowMuch() throws Exception {
        Files.writeString(dir.resolve("time-floor"), "2026-11-30T17:00:00Z\n");
        Check check = clock(ClockState.synchronisedAt(NOW), ListsConfig.DEFAULTS);
        assertTrue(check.blocks(), check.detail());
        assertTrue(check.detail().contains("3600 s behind the time floor 2026-11-30T17:00:00Z"), check.detail());
        assertEquals(3_600_000L, check.facts().get("behindFloorMs"));
        assertEquals(false, check.facts().get("trusted"));
    }

    @Test
    void clockWithinTheTolerance_ofTheFloor_passes() throws Exception {
        Files.writeString(dir.resolve("time-floor"), NOW.plusSeconds(60) + "\n");
        Check check = clock(ClockState.synchronisedAt(NOW), ListsConfig.DEFAULTS);
        assertEquals(Check.Status.PASS, check.status(), check.detail());
        assertEquals(60_000L, check.facts().get("behindFloorMs"));
    }

    @Test
    void timesyncdSavedTime_raisesTheFloor_andTheFloorFileIsNeverWritten() {
        Check check = clock(new ClockState(NOW, true, Optional.of(NOW.plus(Duration.ofDays(1)))), ListsConfig.DEFAULTS);
        assertTrue(check.blocks(), check.detail());
        assertEquals(NOW.plus(Duration.ofDays(1)).toString(), check.facts().get("floor"));
        assertFalse(Files.exists(dir.resolve("time-floor")), "read only");
    }

    @Test
    void notSynchronised_isAWarning_unlessTheEntranceThenRefuses() {
        Check warned = clock(new ClockState(NOW, false, Optional.empty()), ListsConfig.DEFAULTS);
        assertEquals(Check.Status.FAIL, warned.status());
        assertFalse(warned.blocks(), "admit-with-warning: the entrance keeps running");
        assertTrue(warned.detail().contains("not synchronised since boot (timesyncd): the entrance will admit-with-warning"),
                warned.detail());

        ListsConfig refuse = new ListsConfig(Optional.empty(), Optional.empty(), ListsConfig.DEFAULT_MAX_AGE,
                ListsConfig.Degraded.ADMIT_WITH_WARNING, ListsConfig.Degraded.REFUSE);
        assertTrue(clock(new ClockState(NOW, false, Optional.empty()), refuse).blocks());
    }

    @Test
    void unsetClock_in1970_fails() {
        Check check = clock(ClockState.synchronisedAt(Instant.parse("1970-01-01T00:00:42Z")), ListsConfig.DEFAULTS);
        assertTrue(check.blocks());
        assertTrue(check.detail().startsWith("the clock reads 1970-01-01T00:00:42Z: not set"), check.detail());
    }

    /** A terminal with signed lists: the trust list signed at {@code trustSigned}, the revocations at {@code revocationsSigned}. */
    private AgentConfig signedLists(Optional<Instant> trustSigned, Optional<Instant> revocationsSigned, ListsConfig.Degraded whenStale)
            throws Exception {
        SigningKey listKey = SigningKey.generate(CoseAlgorithm.EDDSA, RANDOM);
        Path signers = Files.writeString(dir.resolve("signers.pem"), IssuerKey.fromPem(listKey.toPem(), "list key").publicKeyPem());
        IssuerKey issuer = IssuerKey.generate(CoseAlgorithm.EDDSA, RANDOM);
        Path trust = Files.writeString(dir.resolve("trust.pem"), issuer.publicKeyPem());
        if (trustSigned.isPresent()) {
            Instant at = trustSigned.get();
            ListHeader header = new ListHeader(ListKind.TRUST, "*", 7, OptionalLong.empty(), at, at.plus(Duration.ofDays(30)),
                    Optional.empty());
            TrustEntry entry = new TrustEntry(Optional.empty(), issuer.signingKey().verifyingKey(), at.minusSeconds(10),
                    at.plus(Duration.ofDays(365)));
            Files.write(dir.resolve("trust.pem.list"), ListDocuments.sign(listKey, new ListDocument.Trust(header, List.of(entry))));
        }
        Path store = dir.resolve("revocations.db");
        try (RevocationStore s = RevocationStore.open(SqliteConnections.file(store))) {
            s.replaceAll(12, List.of(RevocationKey.of("https://acme.example", new byte[] {1, 2, 3})));
            revocationsSigned.ifPresent(at -> s.recordIssuedAt(12, at));
        }
        return AgentConfig.defaults(trust).withPaths(new PathsConfig(dir, dir)).withRevocation(RevocationConfig.at(store))
                .withLists(new ListsConfig(Optional.of(signers), Optional.empty(), Duration.ofHours(48), whenStale,
                        ListsConfig.Degraded.ADMIT_WITH_WARNING));
    }

    @Test
    void freshSignedLists_pass_withVersionsAndAges() throws Exception {
        AgentConfig config = signedLists(Optional.of(NOW.minus(Duration.ofHours(3))), Optional.of(NOW.minus(Duration.ofHours(5))),
                ListsConfig.Degraded.REFUSE);
        Check check = ListsCheck.run(config, NOW);
        assertEquals(Check.Status.PASS, check.status(), check.detail());
        assertTrue(check.detail().startsWith("trust list version 7 signed 2026-11-30T13:00:00Z (3 h old), revocation list version 12"
                + " signed 2026-11-30T11:00:00Z (5 h old); within lists.maxAge 2 d"), check.detail());
        assertEquals(7L, check.facts().get("trustVersion"));
        assertEquals(12L, check.facts().get("revocationVersion"));
        assertEquals(Duration.ofHours(5).toMillis(), check.facts().get("oldestAgeMs"));
        assertEquals(Duration.ofHours(48).toMillis(), check.facts().get("maxAgeMs"));
    }

    @Test
    void revocationListPastMaxAge_fails_neededOnlyWhenTheEntranceThenRefuses() throws Exception {
        AgentConfig config = signedLists(Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(3))), ListsConfig.Degraded.REFUSE);
        Check check = ListsCheck.run(config, NOW);
        assertTrue(check.blocks(), check.detail());
        assertTrue(check.detail().contains("revocation list version 12 signed 2026-11-27T16:00:00Z (3 d old): older than lists.maxAge"
                + " 2 d, the entrance will refuse (lists.whenStale)"), check.detail());
        assertTrue(check.detail().startsWith("trust list not signed"), "a hand-made trust file counts as current: " + check.detail());

        Check warned = ListsCheck.run(config.withLists(new ListsConfig(config.lists().signers(), Optional.empty(), Duration.ofHours(48),
                ListsConfig.Degraded.ADMIT_WITH_WARNING, ListsConfig.Degraded.ADMIT_WITH_WARNING)), NOW);
        assertEquals(Check.Status.FAIL, warned.status());
        assertFalse(warned.blocks(), "admit-with-warning: degraded, not unfit");
    }

    @Test
    void revocationListWithoutAnIssueTime_isInfinitelyOld() throws Exception {
        Check check = ListsCheck.run(signedLists(Optional.of(NOW), Optional.empty(), ListsConfig.Degraded.ADMIT_WITH_WARNING), NOW);
        assertEquals(Check.Status.FAIL, check.status(), check.detail());
        assertTrue(check.detail().contains("revocation list version 12, issue time never recorded"), check.detail());
        assertNull(check.facts().get("oldestAgeMs"));
    }

    @Test
    void unsignedLists_areNotJudged() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.pem"), IssuerKey.generate(CoseAlgorithm.EDDSA, RANDOM).publicKeyPem());
        assertEquals(Check.Status.SKIP, ListsCheck.run(AgentConfig.defaults(trust), NOW).status());
    }
}
