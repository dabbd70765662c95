package io.limen.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Verification;
import io.limen.agent.revocation.RevocationSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static Credential credential(List<String> zones) {
        Claims claims = new Claims("iss", "sub", Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex("0a0b"), Optional.empty(), zones, Optional.empty());
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    @Test
    void verifiedCredential_forThisZone_isGranted() {
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Verified(credential(List.of("garage", "lobby"))));

        assertTrue(decision.granted());
        assertEquals(Reason.OK, decision.reason());
    }

    @Test
    void credentialWithoutZones_isGrantedInAnyZone() {
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.of("lobby"));

        assertTrue(policy.decide(new Verification.Verified(credential(List.of()))).granted());
    }

    @Test
    void credentialForOtherZones_isDeniedAsWrongZone() {
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Verified(credential(List.of("parking"))));

        assertEquals(Reason.WRONG_ZONE, decision.reason());
        assertTrue(decision.credential().isPresent(), "a denied but verified credential is kept for the log");
    }

    @Test
    void entranceWithoutZone_admitsAnyZone() {
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.empty());

        assertTrue(policy.decide(new Verification.Verified(credential(List.of("parking")))).granted());
    }

    @Test
    void revokedCredential_isDeniedAsRevoked_evenInItsZone() {
        Credential credential = credential(List.of("lobby"));
        AccessPolicy policy = new AccessPolicy(() -> RevocationSet.of(7, credential.revocationKey()), Optional.of("lobby"));

        assertEquals(Reason.REVOKED, policy.decide(new Verification.Verified(credential)).reason());
    }

    @Test
    void revocationUpdate_appliesToTheNextDecision() {
        Credential credential = credential(List.of());
        AtomicReference<RevocationSet> lists = new AtomicReference<>(RevocationSet.empty());
        AccessPolicy policy = new AccessPolicy(lists::get, Optional.empty());
        assertTrue(policy.decide(new Verification.Verified(credential)).granted());

        lists.set(RevocationSet.of(2, credential.revocationKey()));

        assertFalse(policy.decide(new Verification.Verified(credential)).granted());
    }

    @Test
    void refusal_isDeniedWithTheVerifiersReason() {
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.empty());

        Decision decision = policy.decide(new Verification.Refused(Reason.BAD_SIGNATURE, "no key verifies"));

        assertEquals(Reason.BAD_SIGNATURE, decision.reason());
        assertEquals("no key verifies", decision.detail());
        assertTrue(decision.credential().isEmpty());
    }

    @Test
    void refusalAfterTheSignatureVerified_isDeniedWithItsCredential() {
        Credential credential = credential(List.of("lobby"));
        AccessPolicy policy = new AccessPolicy(RevocationSet::empty, Optional.of("lobby"));

        Decision decision = policy.decide(new Verification.Refused(Reason.EXPIRED, "expired at ...", Optional.of(credential)));

        assertEquals(Reason.EXPIRED, decision.reason());
        assertEquals(Optional.of(credential), decision.credential());
    }
}
