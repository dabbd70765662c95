package io.limen.provisioning.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal codes are a contract (docs/telemetry.md, "Consuming"): added, never renamed or reused. */
class RefusalReasonTest {

    @Test
    void theCodes_areExactlyThese_inThisOrder() {
        assertEquals(List.of("unsupported_version", "unsupported_encoding", "bad_gzip", "too_large", "malformed", "too_many_terminals"),
                Arrays.stream(RefusalReason.values()).map(RefusalReason::code).toList());
    }
}
