package io.limen.config.yaml;

import io.limen.config.BoardInput;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/configuration.md: its key reference is the model's, and its profile table the profiles'. */
class ConfigDocsTest {

    private static final Path DOC = GeneratedFiles.REPOSITORY.resolve("docs/configuration.md");

    @Test
    void keyReference_isWhatTheModelMakes() throws IOException {
        GeneratedFiles.checkBetween(DOC, "<!-- keys:begin -->", "<!-- keys:end -->", ConfigReference.markdown());
    }

    @Test
    void boardProfileTable_matchesTheBuiltInProfiles() throws IOException {
        String doc = Files.readString(DOC);
        for (BoardProfile p : BoardProfiles.all()) {
            String row = "| `" + p.name() + "` | " + p.relayPin() + " | " + p.greenLedPin() + " | " + p.redLedPin() + " | "
                    + p.fireAlarmPin() + " | " + p.exitButtonPin() + " | " + (p.relayActiveHigh() ? "HIGH" : "LOW") + " | "
                    + pin(p, BoardInput.DOOR_CONTACT) + " | " + pin(p, BoardInput.PASSAGE_ENTRY) + " | "
                    + pin(p, BoardInput.PASSAGE_EXIT) + " | " + (p.buzzerPin().isPresent() ? p.buzzerPin().getAsInt() : "—")
                    + " | " + p.lockFailMode().configName() + " |";
            assertTrue(doc.contains(row), "docs/configuration.md lacks the row " + row);
        }
    }

    private static String pin(BoardProfile p, BoardInput input) {
        return p.input(input).map(w -> String.valueOf(w.pin())).orElse("—");
    }
}
