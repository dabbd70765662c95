package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.pi4j.context.Context;
import io.limen.agent.gate.GpioContexts;
import io.limen.config.AgentConfig;
import io.limen.config.DisplayConfig;
import io.limen.config.yaml.ConfigFile;
import io.limen.config.yaml.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** display.type picks the display, from config files as run reads them; screens only on real pins. */
class DisplaysTest {

    @TempDir
    Path dir;

    private final Context gpio = GpioContexts.simulated();

    @AfterEach
    void shutDown() {
        gpio.shutdown();
    }

    private AgentConfig config(String driver, String board, String display) throws IOException {
        Files.writeString(dir.resolve("trust.pem"), "");
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
        Path file = Files.writeString(dir.resolve("limen.yaml"), """
                terminal: {site: hq, id: door-1}
                credentials: {trustFile: trust.pem}
                camera: {source: {kind: synthetic}}
                paths: {state: state, logs: logs}
                gate: {driver: %s}
                board: {profile: %s}
                display: %s
                """.formatted(driver, board, display));
        return switch (ConfigFile.load(file)) {
            case LoadResult.Loaded loaded -> loaded.config();
            case LoadResult.Invalid invalid -> throw new AssertionError(invalid.problems().toString());
        };
    }

    private Display opened(AgentConfig config) {
        Display display = Displays.open(config, gpio);
        Displays.close(display);
        return display;
    }

    @Test
    void oled_onRealPins_isTheSsd1306Display() throws IOException {
        assertInstanceOf(OledDisplay.class, opened(config("pi4j", "limen-hat-v1", "{type: oled, language: zh}")));
    }

    @Test
    void auto_isTheBoardsLcd_whenItHasOne_elseTheJournal() throws IOException {
        AgentConfig lcdBoard = config("pi4j", "generic-2relay-lcd", "{}");
        assertEquals(DisplayConfig.Type.LCD, Displays.resolve(lcdBoard));
        assertInstanceOf(LcdDisplay.class, opened(lcdBoard));
        assertInstanceOf(JournalDisplay.class, opened(config("pi4j", "limen-hat-v1", "{}")));
        assertInstanceOf(JournalDisplay.class, opened(config("pi4j", "generic-2relay-lcd", "{type: journal}")));
    }

    @Test
    void screens_onSimulatedPins_fallToTheJournal() throws IOException {
        assertInstanceOf(JournalDisplay.class, opened(config("simulated", "limen-hat-v1", "{type: oled}")));
        assertInstanceOf(JournalDisplay.class, opened(config("simulated", "generic-2relay-lcd", "{type: lcd}")));
    }
}
