package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import io.limen.format.credential.Claims;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import io.limen.format.cose.KeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DisplayMessageTest {

    private static Credential credential(Optional<String> name) {
        Claims claims = new Claims("iss", "staff-0001", Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), name);
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    @Test
    void grant_greetsTheDisplayName_orJustWelcomes() {
        assertEquals(new DisplayMessage(true, "welcome, Ada"), DisplayMessage.of(Decision.granted(credential(Optional.of("Ada")))));
        assertEquals(new DisplayMessage(true, "welcome"), DisplayMessage.of(Decision.granted(credential(Optional.empty()))));
    }

    @Test
    void denial_showsTheReasonCode_neverTheHolder() {
        Decision denied = Decision.denied(Reason.REVOKED, Optional.of(credential(Optional.of("Ada"))), "listed");

        assertEquals(new DisplayMessage(false, "refused: revoked"), DisplayMessage.of(denied));
    }

    @Test
    void aDegradedGrant_namesItsWarnings() {
        assertEquals(new DisplayMessage(true, "welcome, Ada (warning: clock_unsynced, lists_stale)"), DisplayMessage.of(
                new Decision.Granted(credential(Optional.of("Ada")), List.of(Reason.CLOCK_UNSYNCED, Reason.LISTS_STALE))));
    }
}
