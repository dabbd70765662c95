package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad config file gets its own clear problem, and loading never throws. */
class BadConfigFileTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        ConfigLoads.writeNamedFiles(dir);
    }

    private List<String> problems(String yaml) throws IOException {
        return ConfigLoads.problems(Files.writeString(dir.resolve("config.yaml"), yaml));
    }

    /** {@link ConfigFileTest#MINIMAL} with {@code extra} lines added at its end. */
    private List<String> problemsWith(String extra) throws IOException {
        return problems(ConfigFileTest.MINIMAL + extra);
    }

    @Test
    void missingFile_isOneProblemWithoutALine() {
        assertEquals(List.of("no such file — give the path of the terminal's YAML config"), ConfigLoads.problems(dir.resolve("nope.yaml")));
    }

    @Test
    void folderInsteadOfAFile_cannotBeRead() {
        List<String> problems = ConfigLoads.problems(dir.resolve("state"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("cannot be read ("), problems.get(0));
    }

    @Test
    void emptyFile_andCommentsOnly_areEmpty() throws IOException {
        String empty = "1:1 empty — a config is a YAML mapping of sections, at least terminal.site, terminal.id and credentials.trustFile";
        assertEquals(List.of(empty), problems(""));
        assertEquals(List.of(empty), problems("# nothing here yet\n\n"));
    }

    @Test
    void tenMegabyteFile_isRefusedWithoutBeingParsed() throws IOException {
        Path big = dir.resolve("big.yaml");
        byte[] line = "terminal: {site: hq, id: door-1}\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int written = 0; written < 10 << 20; written += line.length) {
                out.write(line);
            }
        }
        // Parsed, the first duplicate key would be reported; refused unparsed, only the size is.
        assertEquals(List.of("larger than 1048576 bytes — a config is a few KB; at most 1 MiB is read"), ConfigLoads.problems(big));
    }

    @Test
    void binaryFile_isNotUtf8_atItsByte() throws IOException {
        Path png = Files.write(dir.resolve("photo.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertEquals(List.of("1:1 byte 0 is not UTF-8 text — a config is UTF-8 YAML (is this a binary file?)"), ConfigLoads.problems(png));
    }

    @Test
    void textThatIsNotYaml_getsTheParsersProblemAndPlace() throws IOException {
        List<String> problems = problems("terminal:\n  site: hq\n id: [door-1\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).matches("\\d+:\\d+ not valid YAML: .+ — a config is a YAML mapping of sections"), problems.get(0));
    }

    @Test
    void plainTextOrAList_isNotAConfig() throws IOException {
        assertEquals(List.of("1:1 \"hello world\" is not a config — a config is a YAML mapping of sections: terminal, board,"
                + " camera, decoder, debounce, gate, credentials, revocation, scanlog, uplink, paths, logging, policy, lists"), problems("hello world\n"));
        assertTrue(problems("- a\n- b\n").get(0).startsWith("1:1 a list is not a config"));
    }

    @Test
    void tabsInIndentation_areReportedEachByLine() throws IOException {
        assertEquals(List.of(
                "2:1 tab in the indentation — YAML indents with spaces only",
                "3:3 tab in the indentation — YAML indents with spaces only"),
                problems("terminal:\n\tsite: hq\n  \tid: door-1\n"));
    }

    @Test
    void duplicateSection_isReportedAtTheSecond() throws IOException {
        assertEquals(List.of("10:1 terminal: duplicate key (first at line 1) — give each key once"),
                problemsWith("terminal:\n  site: other\n"));
    }

    @Test
    void aliasBomb_isRefusedByTheAliasCap() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
        }
        List<String> problems = problems(bomb.toString());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("1:1 refused: ") && problems.get(0).endsWith(
                " — a config uses at most 20 aliases of mappings or lists"), problems.get(0));
    }

    @Test
    void wrongTypes_sayWhatWasSeenAndWhatIsAllowed() throws IOException {
        assertEquals(List.of(
                "11:12 gate.pulseMs: 800.5 — must be a whole number between 50 and 10000",
                "12:11 gate.denyMs: a list — must be a whole number between 100 and 30000",
                "14:14 decoder.tryHarder: \"maybe\" — must be true or false",
                "15:10 logging: \"loud\" — must be a mapping of keys: level"),
                problemsWith("""
                        gate:
                          pulseMs: 800.5
                          denyMs: [1, 2]
                        decoder:
                          tryHarder: maybe
                        logging: loud
                        """));
    }

    @Test
    void hugeNumber_isOutOfRange_notAnOverflow() throws IOException {
        assertEquals(List.of("11:12 gate.pulseMs: 99999999999999999999999 — must be between 50 and 10000"),
                problemsWith("gate:\n  pulseMs: 99999999999999999999999\n"));
    }

    @Test
    void unknownKey_farFromAnyKnown_listsTheKnownKeys() throws IOException {
        assertEquals(List.of("11:3 gate.colour: unknown key — known keys in gate: pulseMs, denyMs, fireAlarmDebounceMs, driver,"
                + " relayMode, passageTimeoutMs, heldOpenMs, alarmMs, direction, antiPassbackMs"),
                problemsWith("gate:\n  colour: green\n"));
    }

    @Test
    void unknownSection_suggestsTheNearest_orListsThem() throws IOException {
        assertEquals(List.of("10:1 loging: unknown key — did you mean logging?"), problemsWith("loging: {level: info}\n"));
    }

    @Test
    void missingRequiredKeys_areReportedAtTheirSection() throws IOException {
        assertEquals(List.of(
                "1:1 camera.source: missing — required: a mapping with kind: v4l2, rpicam, process, replay, synthetic",
                "1:1 credentials.trustFile: missing — required: a path to an existing file",
                "2:3 terminal.site: missing — required: a name of 1 to 64 characters"),
                problems("terminal:\n  id: door-1\npaths: {state: state, logs: logs}\n"));
    }

    @Test
    void pinUsedTwice_byTwoOverrides_namesTheLineOfTheFirst() throws IOException {
        assertEquals(List.of("13:17 board.pins.exitButton: 20 — already the pin of board.pins.redLed (line 12); each role needs its own pin"),
                problemsWith("board:\n  pins:\n    redLed: 20\n    exitButton: 20\n"));
    }

    @Test
    void pathsThatDoNotFitTheirRule_sayWhatTheyAre() throws IOException {
        assertEquals(List.of(
                "3:24 revocation.database: state (" + dir.resolve("state") + ") is a folder — must be a file in an existing folder",
                "6:10 paths.state: /nowhere/limen does not exist — must be an existing folder",
                "7:9 paths.logs: trust.pem (" + dir.resolve("trust.pem") + ") is not a folder — must be an existing folder"),
                problems("""
                        terminal: {site: hq, id: door-1}
                        credentials: {trustFile: trust.pem}
                        revocation: {database: state}
                        camera: {source: {kind: synthetic}}
                        paths:
                          state: /nowhere/limen
                          logs: trust.pem
                        """));
        assertEquals(List.of("10:24 revocation.database: nowhere/r.db (" + dir.resolve("nowhere/r.db")
                        + ") is in no existing folder — must be a file in an existing folder"),
                problemsWith("revocation: {database: nowhere/r.db}\n"));
    }

    @Test
    void defaultFolders_areCheckedToo_atTheSectionThatLeftThemOut() throws IOException {
        assertEquals(List.of("1:1 camera.source: missing — required: a mapping with kind: v4l2, rpicam, process, replay, synthetic",
                        "1:1 paths.state: /var/lib/limen does not exist — must be an existing folder",
                        "1:1 paths.logs: /var/log/limen does not exist — must be an existing folder"),
                problems("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: trust.pem}\n"));
    }

    @Test
    void privateKeyReadableByOthers_isRefused_ownerOnlyPasses() throws IOException {
        Path key = Files.writeString(dir.resolve("device.key"), "-----BEGIN PRIVATE KEY-----\n");
        PathChecks checks = new PathChecks(dir);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("device.key (" + key + ") is a private key readable by its group or others (mode rw-r--r--)"
                + " — must be readable by its owner only (chmod 600)", checks.problem(PathRule.PRIVATE_KEY, "device.key"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(checks.problem(PathRule.PRIVATE_KEY, "device.key").contains("(mode rw-r-----)"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertEquals(null, checks.problem(PathRule.PRIVATE_KEY, "device.key"));
    }

    @Test
    void controlCharactersInAValue_areShownAsQuestionMarks() throws IOException {
        assertEquals(List.of("4:9 terminal.zone: \"lobby?1\" — must be 1 to 64 characters without surrounding blanks or control characters"),
                problems(ConfigFileTest.MINIMAL.replace("  id: door-1\n", "  id: door-1\n  zone: \"lobby\\x071\"\n")));
    }

    @Test
    void twoDocumentsInOneFile_isNotAConfig() throws IOException {
        List<String> problems = problems(ConfigFileTest.MINIMAL + "---\n" + ConfigFileTest.MINIMAL);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("10:1 not valid YAML: ") && problems.get(0).contains("single document"), problems.get(0));
    }
}
