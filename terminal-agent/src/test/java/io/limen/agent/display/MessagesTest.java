package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.limen.agent.policy.Decision;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {

    static Credential holder(Optional<String> name) {
        Claims claims = new Claims("iss", "staff-1", Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), name);
        return new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReason_hasATextInEveryLanguage_thatFitsA20ColumnLcdInEnglish(Reason reason) {
        for (DisplayLanguage language : DisplayLanguage.values()) {
            String text = new Messages(language).text(reason);
            assertFalse(text.isBlank(), language + " " + reason);
        }
        String english = new Messages(DisplayLanguage.ENGLISH).text(reason);
        assertEquals(true, english.length() <= 20 && english.chars().allMatch(c -> c >= 0x20 && c < 0x7F),
                "English text of " + reason + " must be ASCII within 20 columns, but was \"" + english + "\"");
    }

    @Test
    void denial_showsTheHeadlineAndTheReasonsText_inTheLanguagePicked() {
        Decision expired = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        assertEquals(List.of("Refused", "Pass expired"), new Messages(DisplayLanguage.ENGLISH).lines(expired));
        assertEquals(List.of("拒绝通行", "通行证已过期"), new Messages(DisplayLanguage.CHINESE).lines(expired));
    }

    @Test
    void grant_showsTheHoldersName_orPleasePass() {
        assertEquals(List.of("Welcome", "Ada Lovelace"),
                new Messages(DisplayLanguage.ENGLISH).lines(Decision.granted(holder(Optional.of("Ada Lovelace")))));
        assertEquals(List.of("欢迎", "请通行"), new Messages(DisplayLanguage.CHINESE).lines(Decision.granted(holder(Optional.empty()))));
    }

    @Test
    void theMachinesLocale_doesNotChooseTheLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertEquals("Pass expired", new Messages(DisplayLanguage.ENGLISH).text(Reason.EXPIRED));
        } finally {
            Locale.setDefault(before);
        }
    }
}
