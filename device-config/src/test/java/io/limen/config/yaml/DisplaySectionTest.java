package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.AgentConfig;
import io.limen.config.BoardProfiles;
import io.limen.config.DisplayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The display section: the language the entrance display speaks (no longer a reserved section). */
class DisplaySectionTest {

    @TempDir
    Path dir;

    private static final String REST = """
            terminal: {site: hq, id: door-1, zone: lab}
            credentials: {trustFile: trust.pem}
            camera: {source: {kind: synthetic}}
            paths: {state: state, logs: logs}
            """;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private Path write(String display) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), REST + display);
    }

    @Test
    void leftOut_isEnglish() throws IOException {
        assertEquals(DisplayConfig.DEFAULTS, ConfigLoads.loaded(write("")).display());
        assertEquals(DisplayConfig.Language.EN, DisplayConfig.DEFAULTS.language());
    }

    @Test
    void chinese_landsInTheRecord() throws IOException {
        assertEquals(new DisplayConfig(DisplayConfig.Language.ZH), ConfigLoads.loaded(write("display: {language: zh}\n")).display());
        assertEquals(new DisplayConfig(DisplayConfig.Language.EN), ConfigLoads.loaded(write("display: {language: en}\n")).display());
    }

    @Test
    void anUnknownLanguage_orKey_isRefused_namingTheKey() throws IOException {
        List<String> problems = ConfigLoads.problems(write("display: {language: fr}\n"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("display.language") && p.contains("fr")), problems::toString);
        List<String> typo = ConfigLoads.problems(write("display: {langauge: zh}\n"));
        assertTrue(typo.stream().anyMatch(p -> p.contains("langauge") && !p.contains("not supported by this version")), typo::toString);
    }

    @Test
    void theWithersKeepEverySection_includingTheDisplay() {
        AgentConfig zh = AgentConfig.defaults(dir.resolve("trust.pem")).withDisplay(new DisplayConfig(DisplayConfig.Language.ZH));
        // withBoard used to build from the 12 first sections, dropping uplink, lists (and now display).
        assertEquals(DisplayConfig.Language.ZH, zh.withBoard(BoardProfiles.TRIPOD_TURNSTILE).display().language());
        io.limen.config.ListsConfig refusing = new io.limen.config.ListsConfig(java.util.Optional.empty(), java.util.Optional.empty(),
                java.time.Duration.ofHours(1), io.limen.config.ListsConfig.Degraded.REFUSE, io.limen.config.ListsConfig.Degraded.REFUSE);
        assertEquals(refusing, zh.withLists(refusing).withBoard(BoardProfiles.TRIPOD_TURNSTILE).lists());
        assertEquals(DisplayConfig.Language.ZH, zh.withPolicy(zh.policy()).display().language());
        assertEquals(DisplayConfig.Language.ZH, zh.withUplink(zh.uplink()).display().language());
        assertEquals(DisplayConfig.Language.ZH, zh.withLists(zh.lists()).display().language());
    }

    @Test
    void anOled_withItsBusAddressAndFont_landsInTheRecord() throws IOException {
        DisplayConfig display = ConfigLoads.loaded(write("display: {language: zh, type: oled, font: fonts/unifont.hex,"
                + " oled: {bus: 3, address: 0x3D}}\n")).display();
        assertEquals(new DisplayConfig(DisplayConfig.Language.ZH, DisplayConfig.Type.OLED, new io.limen.config.OledWiring(3, 0x3D),
                dir.resolve("fonts/unifont.hex")), display, "a relative font path is taken from the config's folder");
        DisplayConfig defaults = ConfigLoads.loaded(write("display: {type: oled}\n")).display();
        assertEquals(io.limen.config.OledWiring.DEFAULTS, defaults.oled());
        assertEquals(java.nio.file.Path.of("/usr/share/unifont/unifont.hex"), defaults.font());
        assertEquals(DisplayConfig.Type.AUTO, DisplayConfig.DEFAULTS.type());
    }

    @Test
    void aMissingFont_isNoConfigProblem_butAFolderOrABadAddressIs() throws IOException {
        assertEquals(dir.resolve("none.hex"), ConfigLoads.loaded(write("display: {type: oled, font: none.hex}\n")).display().font());
        List<String> folder = ConfigLoads.problems(write("display: {type: oled, font: .}\n"));
        assertTrue(folder.stream().anyMatch(p -> p.contains("display.font") && p.contains("is a folder")), folder::toString);
        List<String> address = ConfigLoads.problems(write("display: {type: oled, oled: {address: 0x27}}\n"));
        assertTrue(address.stream().anyMatch(p -> p.contains("display.oled.address") && p.contains("0x3C, 0x3D")), address::toString);
        List<String> type = ConfigLoads.problems(write("display: {type: vfd}\n"));
        assertTrue(type.stream().anyMatch(p -> p.contains("display.type") && p.contains("auto, journal, lcd, oled")), type::toString);
    }

    @Test
    void anLcd_onABoardWithoutOne_isRefusedAtTheKey() throws IOException {
        List<String> problems = ConfigLoads.problems(write("display: {type: lcd}\n"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("display.type") && p.contains("board profile limen-hat-v1 has no LCD")),
                problems::toString);
        assertEquals(DisplayConfig.Type.LCD, ConfigLoads.loaded(write("board: {profile: generic-2relay-lcd}\ndisplay: {type: lcd}\n"))
                .display().type());
    }
}
