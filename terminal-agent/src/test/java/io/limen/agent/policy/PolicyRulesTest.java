package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.time.TimeReading;
import io.limen.config.PolicyConfig;
import io.limen.config.Schedule;
import io.limen.config.WeeklyWindow;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.HolderKey;
import java.security.SecureRandom;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.Presentation;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules the policy section adds, each at its boundaries, and their order with the others. */
class PolicyRulesTest {

    /** A Monday, 09:00 in Berlin (CET). */
    private static final Instant MONDAY_9 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Schedule OFFICE_HOURS = new Schedule(ZoneId.of("Europe/Berlin"),
            List.of(WeeklyWindow.parse("mon-fri 07:00-19:00")), Set.of(LocalDate.parse("2026-12-25")));

    private static final Credential STATIC = credential(List.of("lab"));
    private static final Credential DYNAMIC = STATIC.presented(new Presentation(MONDAY_9, 42));

    private static Credential credential(List<String> zones) {
        Claims claims = new Claims("iss", "sub", Instant.EPOCH, Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"),
                CredentialId.fromHex("0a0b"), Optional.empty(), zones, Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    private static ScanContext at(Instant now, Presentations presentations) {
        return new ScanContext(TimeReading.trusted(now), ListSnapshot.of(TrustStore.empty(), RevocationSet.empty(), Instant.EPOCH), 0,
                new Passages(4), presentations);
    }

    private static Reason decide(AccessPolicy policy, Credential credential, ScanContext context) {
        return policy.decide(new Verification.Verified(credential), context).reason();
    }

    @Test
    void dynamicCodesOnly_refusesStaticCredentials_asStaticNotAllowed() {
        AccessPolicy policy = AccessPolicy.of(Optional.of("lab"), new PolicyConfig(Duration.ofSeconds(30), true, Optional.empty()));
        ScanContext context = at(MONDAY_9, Presentations.none());

        assertEquals(Reason.STATIC_NOT_ALLOWED, decide(policy, STATIC, context));
        assertEquals(Reason.OK, decide(policy, DYNAMIC, context));
        assertEquals(Reason.OK, decide(AccessPolicy.standard(Optional.of("lab")), STATIC, context), "static codes are welcome by default");
    }

    @Test
    void staticShowingOfAHolderBoundCredential_isRefusedToo_withAHintToShowTheApp() {
        Claims claims = STATIC.claims();
        Credential bound = new Credential(new Claims(claims.issuer(), claims.subject(), claims.issuedAt(), claims.notBefore(),
                claims.expiresAt(), claims.id(), Optional.of(HolderKey.of(SigningKey.generate(CoseAlgorithm.EDDSA, new SecureRandom())
                .verifyingKey())), claims.zones(), claims.displayName()), STATIC.keyId(), STATIC.algorithm());
        AccessPolicy policy = AccessPolicy.of(Optional.of("lab"), new PolicyConfig(Duration.ofSeconds(30), true, Optional.empty()));

        Decision decision = policy.decide(new Verification.Verified(bound), at(MONDAY_9, Presentations.none()));
        assertEquals(Reason.STATIC_NOT_ALLOWED, decision.reason());
        assertTrue(decision.detail().contains("show the holder's app's dynamic code"), decision.detail());
    }

    @Test
    void wrongZone_comesBeforeStaticNotAllowed() {
        AccessPolicy policy = AccessPolicy.of(Optional.of("garage"), new PolicyConfig(Duration.ofSeconds(30), true, Optional.empty()));
        assertEquals(Reason.WRONG_ZONE, decide(policy, STATIC, at(MONDAY_9, Presentations.none())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-11-30T06:00:00Z, ok",                // Monday 07:00 CET, the first minute
            "2026-11-30T05:59:59Z, outside_schedule",  // 06:59:59
            "2026-11-30T17:59:59Z, ok",                // 18:59:59
            "2026-11-30T18:00:00Z, outside_schedule",  // 19:00, the end exclusive
            "2026-11-29T10:00:00Z, outside_schedule",  // Sunday
            "2026-12-25T10:00:00Z, outside_schedule",  // Friday, a holiday
    })
    void schedule_refusesOutsideItsWindows_asOutsideSchedule(Instant now, String expected) {
        AccessPolicy policy = AccessPolicy.of(Optional.empty(), new PolicyConfig(Duration.ofSeconds(30), false, Optional.of(OFFICE_HOURS)));
        assertEquals(expected, decide(policy, STATIC, at(now, Presentations.none())).code());
    }

    @Test
    void replayed_isRefused_whenGrantedBefore_orSignedBeforeTheStart() {
        AccessPolicy policy = AccessPolicy.standard(Optional.empty());
        Presentations presentations = new Presentations(10, Duration.ofSeconds(30), MONDAY_9);
        ScanContext context = at(MONDAY_9, presentations);

        assertEquals(Reason.OK, decide(policy, DYNAMIC, context));
        presentations.record(DYNAMIC.revocationKey(), DYNAMIC.presentation().orElseThrow(), MONDAY_9);
        assertEquals(Reason.REPLAYED, decide(policy, DYNAMIC, context));
        assertEquals(Reason.OK, decide(policy, STATIC, context), "a static credential is shown again by design");

        Credential beforeStart = STATIC.presented(new Presentation(MONDAY_9.minusSeconds(1), 43));
        assertEquals(Reason.REPLAYED, decide(policy, beforeStart, context));
    }

    @Test
    void replayedIsTheLastRule_soAClosedEntranceSaysOutsideSchedule() {
        AccessPolicy policy = AccessPolicy.of(Optional.empty(), new PolicyConfig(Duration.ofSeconds(30), false, Optional.of(OFFICE_HOURS)));
        Instant sunday = Instant.parse("2026-11-29T10:00:00Z");
        Credential shown = STATIC.presented(new Presentation(sunday, 1));
        Presentations presentations = new Presentations(10, Duration.ofSeconds(30), Instant.MIN);
        presentations.record(shown.revocationKey(), shown.presentation().orElseThrow(), sunday);

        Decision decision = policy.decide(new Verification.Verified(shown), at(sunday, presentations));
        assertEquals(Reason.OUTSIDE_SCHEDULE, decision.reason());
        assertTrue(decision.detail().contains("Europe/Berlin"), decision.detail());
    }
}
