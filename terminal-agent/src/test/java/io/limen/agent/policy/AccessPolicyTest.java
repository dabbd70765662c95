package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.lists.ListSnapshot;
import io.limen.agent.revocation.RevocationSet;
import io.limen.agent.time.TimeReading;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static Credential credential(List<String> zones) {
        Claims claims = new Claims("iss", "sub", Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex("0a0b"), Optional.empty(), zones, Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    private static ScanContext context(RevocationSet revocations) {
        return context(revocations, TimeReading.trusted(Instant.EPOCH));
    }

    private static ScanContext context(RevocationSet revocations, TimeReading time) {
        return new ScanContext(time, ListSnapshot.of(TrustStore.empty(), revocations, Instant.EPOCH), 0, new Passages(4));
    }

    @Test
    void verifiedCredential_forThisZone_isGranted() {
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Verified(credential(List.of("garage", "lobby"))), context(RevocationSet.empty()));

        assertInstanceOf(Decision.Granted.class, decision);
        assertEquals(Reason.OK, decision.reason());
    }

    @Test
    void credentialWithoutZones_isGrantedInAnyZone() {
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        assertTrue(policy.decide(new Verification.Verified(credential(List.of())), context(RevocationSet.empty())).granted());
    }

    @Test
    void credentialForOtherZones_isDeniedAsWrongZone() {
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Verified(credential(List.of("parking"))), context(RevocationSet.empty()));

        assertEquals(Reason.WRONG_ZONE, decision.reason());
        assertTrue(decision.credential().isPresent(), "a denied but verified credential is kept for the log");
    }

    @Test
    void entranceWithoutZone_admitsAnyZone() {
        AccessPolicy policy = AccessPolicy.standard(Optional.empty());

        assertTrue(policy.decide(new Verification.Verified(credential(List.of("parking"))), context(RevocationSet.empty())).granted());
    }

    @Test
    void revokedCredential_isDeniedAsRevoked_evenInItsZone() {
        Credential credential = credential(List.of("lobby"));
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Verified(credential), context(RevocationSet.of(7, credential.revocationKey())));

        assertEquals(Reason.REVOKED, decision.reason());
        assertTrue(decision.detail().endsWith("(list version 7)"), decision.detail());
    }

    @Test
    void revokedAndWrongZone_isDeniedByTheFirstRule_revoked() {
        Credential credential = credential(List.of("parking"));
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        assertEquals(Reason.REVOKED, policy.decide(new Verification.Verified(credential),
                context(RevocationSet.of(1, credential.revocationKey()))).reason());
    }

    @Test
    void aNewRule_plugsIntoTheChain_andReadsTheScanContext() {
        // What clock_unsynced will be: one rule reading the context's time reading.
        Rule clockTrusted = (credential, context) -> context.time().trusted() ? Optional.empty()
                : Optional.of(new Decision.Denied(Reason.CLOCK_UNSYNCED, Optional.of(credential), "clock not synchronised"));
        AccessPolicy policy = new AccessPolicy(List.of(clockTrusted, new NotRevoked(), new InZone(Optional.empty())));
        Verification verified = new Verification.Verified(credential(List.of()));

        assertTrue(policy.decide(verified, context(RevocationSet.empty())).granted());
        assertEquals(Reason.CLOCK_UNSYNCED, policy.decide(verified, context(RevocationSet.empty(),
                new TimeReading(Instant.EPOCH, TimeReading.Trust.UNSYNCHRONISED))).reason());
    }

    @Test
    void refusal_isDeniedWithTheVerifiersReason() {
        AccessPolicy policy = AccessPolicy.standard(Optional.empty());

        Decision decision = policy.decide(new Verification.Refused(Reason.BAD_SIGNATURE, "no key verifies"), context(RevocationSet.empty()));

        assertEquals(Reason.BAD_SIGNATURE, decision.reason());
        assertEquals("no key verifies", decision.detail());
        assertTrue(decision.credential().isEmpty());
    }

    @Test
    void refusalAfterTheSignatureVerified_isDeniedWithItsCredential() {
        Credential credential = credential(List.of("lobby"));
        AccessPolicy policy = AccessPolicy.standard(Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Refused(Reason.EXPIRED, "expired at ...", Optional.of(credential)),
                context(RevocationSet.empty()));

        assertEquals(Reason.EXPIRED, decision.reason());
        assertEquals(Optional.of(credential), decision.credential());
    }

    @Test
    void denial_withReasonOk_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Decision.Denied(Reason.OK, Optional.empty(), "x"));
        assertEquals("a denial's reason must be a refusal, but was ok", e.getMessage());
    }

    @Test
    void denial_withReasonNoCode_isRejected_aFrameWithoutACodeIsNoDecision() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Decision.Denied(Reason.NO_CODE, Optional.empty(), "x"));
        assertEquals("a denial's reason must be a refusal, but was no_code", e.getMessage());
    }
}
