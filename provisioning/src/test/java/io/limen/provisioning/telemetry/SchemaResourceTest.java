package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.format.telemetry.BatchSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/telemetry-batch.schema.json, which readers see, is the schema both sides validate with. */
class SchemaResourceTest {

    @Test
    void theDocsCopy_isTheResourceByteForByte() throws IOException {
        assertEquals(BatchSchema.text(), Files.readString(Path.of("..", "docs", "telemetry-batch.schema.json")),
                "copy credential-format/src/main/resources" + BatchSchema.RESOURCE + " to docs/telemetry-batch.schema.json");
    }
}
