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

    @Test
    void screensOfTwoAndFourRows_withTheWarningLineOfADegradedGrant() {
        Messages en = new Messages(DisplayLanguage.ENGLISH);
        Decision ada = new Decision.Granted(holder(Optional.of("Ada")), List.of(Reason.LISTS_STALE));
        assertEquals(List.of("Welcome", "! Lists outdated"), en.lines(ada, 2), "on two rows the warning takes the second");
        assertEquals(List.of("Welcome", "Ada", "Please pass", "! Lists outdated"), en.lines(ada, 4));
        Decision plain = Decision.granted(holder(Optional.empty()));
        assertEquals(List.of("Welcome", "Please pass"), en.lines(plain, 2));
        assertEquals(List.of("Welcome", "Please pass", "", ""), en.lines(plain, 4));
        Decision expired = Decision.denied(Reason.EXPIRED, Optional.empty(), "expired");
        assertEquals(List.of("Refused", "Pass expired", "", ""), en.lines(expired, 4));
        assertEquals(Optional.of("! Lists & clock"), en.warning(List.of(Reason.CLOCK_UNSYNCED, Reason.LISTS_STALE)));
        assertEquals(Optional.of("！时钟未同步"), new Messages(DisplayLanguage.CHINESE).warning(List.of(Reason.CLOCK_UNSYNCED)));
        assertEquals(Optional.empty(), en.warning(List.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> en.lines(expired, 3));
    }

    @Test
    void warningLines_fitSixteenCells_inEveryLanguage() {
        List<List<Reason>> sets = List.of(List.of(Reason.LISTS_STALE), List.of(Reason.CLOCK_UNSYNCED),
                List.of(Reason.CLOCK_UNSYNCED, Reason.LISTS_STALE));
        for (DisplayLanguage language : DisplayLanguage.values()) {
            for (List<Reason> set : sets) {
                String line = new Messages(language).warning(set).orElseThrow();
                // Half-width (ASCII) one cell, anything else two: what the OLED and Unifont make of them.
                int cells = line.codePoints().map(c -> c < 0x7F ? 1 : 2).sum();
                assertEquals(true, cells <= 16, language + " " + set + ": \"" + line + "\" takes " + cells + " cells");
            }
        }
    }
}
