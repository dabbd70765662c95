package io.limen.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effective configuration masks secrets, shows paths as text and absent keys as null. */
class EffectiveConfigTest {

    @Test
    void secretValue_isMasked_otherValuesAsRead() {
        // No section has a secret yet (the uplink's password will); a section of the same shape stands in.
        FieldType.Group root = new FieldType.Group(List.of(Field.group("uplink", "The uplink.",
                Field.required("user", new FieldType.Name(), "", "Who."),
                new Field("password", new FieldType.Name(), Field.Presence.REQUIRED, null, "", "Its password.", true),
                Field.optional("caFile", new FieldType.FilePath(PathRule.FILE), "", "CA."),
                Field.withDefault("keyFile", new FieldType.FilePath(PathRule.PRIVATE_KEY), "device.key", "", "Key."))));
        Values values = new Values();
        values.put("uplink.user", "door-1", null);
        values.put("uplink.password", "hunter2", null);
        values.put("uplink.keyFile", Path.of("/etc/limen/device.key"), null);

        assertEquals("""
                uplink:
                  user: door-1
                  password: <masked>
                  caFile: null
                  keyFile: /etc/limen/device.key
                """, EffectiveConfig.yaml(root, values));
    }
}
