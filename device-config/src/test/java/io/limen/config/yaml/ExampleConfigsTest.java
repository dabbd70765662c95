package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.AgentConfig;
import io.limen.config.BoardProfile;
import io.limen.config.BoardProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example configs in device-config/examples/: one per board profile and one for a laptop, each
 * loading without a problem. A Pi's absolute paths (/etc/limen, /var/lib/limen, /var/log/limen) are
 * laid out under a temporary folder as the Debian package lays them on a terminal.
 */
class ExampleConfigsTest {

    static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path root;

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExample_loadsWithoutAProblem(Path example) throws IOException {
        AgentConfig config = load(example);
        assertTrue(Files.isRegularFile(config.credentials().trustFile()));
    }

    @Test
    void everyBoardProfile_hasAnExampleNamedAfterIt_usingIt() throws IOException {
        for (BoardProfile profile : BoardProfiles.all()) {
            AgentConfig config = load(EXAMPLES.resolve(profile.name() + ".yaml"));
            assertEquals(profile.name(), config.board().name());
        }
    }

    @Test
    void waveshareExample_movesTheExitButton_andKeepsTheProfilesOtherPins() throws IOException {
        BoardProfile board = load(EXAMPLES.resolve("waveshare-relay-3ch.yaml")).board();
        BoardProfile profile = BoardProfiles.WAVESHARE_RELAY_3CH;
        assertEquals(new BoardProfile(profile.name(), profile.relayPin(), profile.greenLedPin(), profile.redLedPin(),
                profile.fireAlarmPin(), 25, profile.relayActiveHigh()), board);
    }

    @Test
    void piExamples_keepAScanLog_inTheStateFolder() throws IOException {
        for (String example : List.of("limen-hat-v1.yaml", "waveshare-relay-3ch.yaml")) {
            AgentConfig config = load(EXAMPLES.resolve(example));
            assertEquals(java.util.Optional.of(config.paths().state().resolve("scanlog.db")), config.scanLog().database(), example);
        }
    }

    @Test
    void hatExample_drivesAChineseOled_withDebiansUnifont() throws IOException {
        io.limen.config.DisplayConfig display = load(EXAMPLES.resolve("limen-hat-v1.yaml")).display();
        assertEquals(new io.limen.config.DisplayConfig(io.limen.config.DisplayConfig.Language.ZH, io.limen.config.DisplayConfig.Type.OLED,
                new io.limen.config.OledWiring(1, 0x3C), io.limen.config.DisplayConfig.UNIFONT), display);
    }

    @Test
    void laptopExample_usesTheSimulatedGate_andPathsBesideTheFile() throws IOException {
        AgentConfig config = load(EXAMPLES.resolve("laptop-usb-camera.yaml"));
        assertEquals(io.limen.config.GateDriver.SIMULATED, config.gate().driver());
        assertEquals(root.resolve("laptop/trust.pem"), config.credentials().trustFile());
        assertEquals(new io.limen.config.CameraSource.V4l2(root.resolve("dev/video0")), config.camera().source());
    }

    /** Copies the example beside the files it names (a Pi's under {@link #root}, a laptop's beside it) and loads it. */
    private AgentConfig load(Path example) throws IOException {
        Files.createDirectories(root.resolve("etc/limen"));
        Files.createDirectories(root.resolve("var/lib/limen"));
        Files.createDirectories(root.resolve("var/log/limen"));
        Files.writeString(root.resolve("etc/limen/trust.pem"), "-----BEGIN PUBLIC KEY-----\n");
        Path laptop = Files.createDirectories(root.resolve("laptop"));
        Files.createDirectories(laptop.resolve("state"));
        Files.createDirectories(laptop.resolve("logs"));
        Files.writeString(laptop.resolve("trust.pem"), "-----BEGIN PUBLIC KEY-----\n");

        String text = Files.readString(example);
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/video0"), ""); // stands in for the USB camera's device node
        for (String folder : List.of("/etc/limen", "/var/lib/limen", "/var/log/limen", "/dev/video0")) {
            text = text.replace(" " + folder, " " + root + folder);
        }
        Path copy = Files.writeString(laptop.resolve(example.getFileName()), text);
        LoadResult result = ConfigFile.load(copy);
        return assertInstanceOf(LoadResult.Loaded.class, result, () -> example + ": " + result).config();
    }
}
