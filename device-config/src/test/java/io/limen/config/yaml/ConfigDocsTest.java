package io.limen.config.yaml;

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
                    + p.fireAlarmPin() + " | " + p.exitButtonPin() + " | " + (p.relayActiveHigh() ? "HIGH" : "LOW") + " |";
            assertTrue(doc.contains(row), "docs/configuration.md lacks the row " + row);
        }
    }
}
