package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.limen.config.AgentConfig;
import io.limen.config.BoardInput;
import io.limen.config.BoardProfiles;
import io.limen.config.Direction;
import io.limen.config.InputWiring;
import io.limen.config.LockFailMode;
import io.limen.config.RelayMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config picks a board profile, overrides its pins and wiring, and sets how the entrance behaves. */
class BoardWiringConfigTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private AgentConfig load(String extra) throws IOException {
        return ConfigLoads.loaded(Files.writeString(dir.resolve("config.yaml"), ConfigFileTest.MINIMAL + extra));
    }

    private List<String> problems(String extra) throws IOException {
        return ConfigLoads.problems(Files.writeString(dir.resolve("config.yaml"), ConfigFileTest.MINIMAL + extra));
    }

    @Test
    void turnstileProfile_keepsItsRotationSensorsAndBuzzer() throws IOException {
        AgentConfig config = load("board:\n  profile: tripod-turnstile\n");
        assertEquals(BoardProfiles.TRIPOD_TURNSTILE, config.board());
        assertEquals(Optional.of(new InputWiring(19, InputWiring.Pull.UP, false, Duration.ofMillis(5))),
                config.board().input(BoardInput.PASSAGE_ENTRY));
    }

    @Test
    void overridesMoveASensor_addADoorContact_andChangeTheFailModeAndADebounce() throws IOException {
        AgentConfig config = load("""
                board:
                  profile: tripod-turnstile
                  pins: {passageExit: 20, doorContact: 21}
                  lockFailMode: fail-safe
                  debounce: {passageEntryMs: 12}
                """);
        var board = config.board();
        assertEquals(20, board.input(BoardInput.PASSAGE_EXIT).orElseThrow().pin());
        assertEquals(InputWiring.normallyClosed(21, Duration.ofMillis(50)), board.input(BoardInput.DOOR_CONTACT).orElseThrow());
        assertEquals(Duration.ofMillis(12), board.input(BoardInput.PASSAGE_ENTRY).orElseThrow().debounce());
        assertEquals(LockFailMode.FAIL_SAFE, board.lockFailMode());
        assertEquals(OptionalInt.of(13), board.buzzerPin());
    }

    @Test
    void relayReadBackPin_isAddedByTheFile_andMayNotShareAPin() throws IOException {
        assertEquals(OptionalInt.empty(), load("board:\n  profile: limen-hat-v1\n").board().relayReadBackPin(), "no profile has one");
        assertEquals(OptionalInt.of(26), load("board:\n  pins: {relayReadBack: 26}\n").board().relayReadBackPin());
        assertEquals(List.of("11:25 board.pins.relayReadBack: 17 — already the pin of board.pins.relay (profile limen-hat-v1);"
                + " each role needs its own pin"), problems("board:\n  pins: {relayReadBack: 17}\n"));
    }

    @Test
    void maglockProfile_isFailSafeWithADoorContact() throws IOException {
        var board = load("board:\n  profile: maglock-door\n").board();
        assertEquals(LockFailMode.FAIL_SAFE, board.lockFailMode());
        assertEquals(16, board.input(BoardInput.DOOR_CONTACT).orElseThrow().pin());
        assertFalse(board.hasPassageSensor());
    }

    @Test
    void debounceOfAnInputTheBoardLacks_isRejectedSayingHowToAddIt() throws IOException {
        assertEquals(List.of("12:20 board.debounce.doorContactMs: given, but the board has no door-contact (add board.pins.doorContact)"),
                problems("board:\n  debounce:\n    doorContactMs: 30\n"));
    }

    @Test
    void movedSensorOntoAnotherRolesPin_isRejectedAtTheMovedKey() throws IOException {
        assertEquals(List.of("12:24 board.pins.passageEntry: 26 — already the pin of board.pins.passageExit (profile"
                        + " tripod-turnstile); each role needs its own pin"),
                problems("board:\n  profile: tripod-turnstile\n  pins: {passageEntry: 26}\n"));
    }

    @Test
    void gateKeys_setTheEntrancesBehaviour() throws IOException {
        var gate = load("""
                gate:
                  relayMode: latch
                  passageTimeoutMs: 8000
                  heldOpenMs: 45000
                  alarmMs: 2000
                  direction: exit
                  antiPassbackMs: 60000
                """).gate();
        assertEquals(RelayMode.LATCH, gate.relayMode());
        assertEquals(Duration.ofSeconds(8), gate.passageTimeout());
        assertEquals(Duration.ofSeconds(45), gate.heldOpen());
        assertEquals(Duration.ofSeconds(2), gate.alarmHold());
        assertEquals(Direction.EXIT, gate.direction());
        assertEquals(Duration.ofMinutes(1), gate.antiPassback());
    }

    @Test
    void passageTimeoutOutOfRange_isRejectedWithTheRange() throws IOException {
        assertEquals(List.of("11:21 gate.passageTimeoutMs: 10 — must be between 1000 and 120000"),
                problems("gate:\n  passageTimeoutMs: 10\n"));
    }
}
