package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema: made from the model, shipped as committed, accepting the examples and refusing wrong configs. */
class ConfigSchemaTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ConfigSchema.json(), InputFormat.JSON);

    static Stream<Path> examples() throws IOException {
        return ExampleConfigsTest.examples();
    }

    @Test
    void committedSchemas_areWhatTheModelMakes() throws IOException {
        GeneratedFiles.check(Path.of("src/main/resources", ConfigSchema.RESOURCE), ConfigSchema.json());
        GeneratedFiles.check(GeneratedFiles.REPOSITORY.resolve("docs").resolve(ConfigSchema.RESOURCE), ConfigSchema.json());
    }

    @Test
    void shippedResource_isOnTheClasspath() throws IOException {
        try (InputStream in = ConfigSchema.class.getClassLoader().getResourceAsStream(ConfigSchema.RESOURCE)) {
            assertEquals(ConfigSchema.json(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExample_isValidAgainstTheSchema(Path example) throws IOException {
        List<Error> errors = SCHEMA.validate(Files.readString(example), InputFormat.YAML);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), example.toString());
    }

    @Test
    void effectiveConfig_isValidAgainstTheSchema(@TempDir Path dir) throws IOException {
        // What `config check` prints can be pasted back into a file an editor checks.
        Files.writeString(dir.resolve("trust.pem"), "x");
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("logs"));
        LoadResult result = ConfigFile.load(Files.writeString(dir.resolve("c.yaml"), ConfigFileTest.MINIMAL));
        String effective = ((LoadResult.Loaded) result).effective();
        assertEquals(List.of(), SCHEMA.validate(effective, InputFormat.YAML).stream().map(Error::toString).toList());
    }

    @Test
    void wrongConfigs_failTheSchema_eachForItsReason() {
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ngate: {pulseMs: 0}\n", "minimum");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ngate: {pulse_ms: 500}\n", "pulse_ms");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ngate: {driver: gpio}\n", "enum");
        assertFails("terminal: {site: hq, id: door-1}\ncamera: {source: {kind: synthetic}}\n", "credentials");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {clockSkewMs: 5}\n", "trustFile");
        assertFails("terminal: {site: \" hq\", id: door-1}\ncredentials: {trustFile: t.pem}\n", "pattern");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\nuplink: {}\n", "uplink");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ndecoder: {tryHarder: maybe}\n", "boolean");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ncamera: {source: {kind: rpicam, device: d}}\n", "one and only one schema");
        assertFails("terminal: {site: hq, id: door-1}\ncredentials: {trustFile: t.pem}\ncamera: {source: {kind: usb}}\n", "one and only one schema");
    }

    private static void assertFails(String yaml, String mentioned) {
        List<String> errors = SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
        assertTrue(!errors.isEmpty() && errors.stream().anyMatch(e -> e.contains(mentioned)), yaml + " gave " + errors);
    }
}
