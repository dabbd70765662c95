package io.limen.format.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.credential.RevocationKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The worked example of docs/lists.md: the delta from version 1 to 2, field by field, in the documented order. */
class ListDocumentExampleTest {

    @Test
    void theDeltaOfTheWorkedExample_isWrittenAsDocumented() {
        RevocationKey revoked = RevocationKey.of("https://acme.example", HexFormat.of().parseHex("01020304"));
        Instant issued = Instant.parse("2026-11-30T12:00:00Z");
        ListHeader header = new ListHeader(ListKind.REVOCATIONS, "*", 2, OptionalLong.of(1), issued,
                Instant.parse("2026-12-01T12:00:00Z"), Optional.empty());
        CBORObject payload = CBORObject.DecodeFromBytes(ListDocuments.payload(new ListDocument.Revocations(header, List.of(revoked), List.of())));

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 8, 9), payload.getKeys().stream().map(CBORObject::AsInt32Value).toList());
        assertEquals("revocations", payload.get(1).AsString());
        assertEquals("*", payload.get(2).AsString());
        assertEquals(2, payload.get(3).AsInt64Value());
        assertEquals(1, payload.get(4).AsInt64Value());
        assertEquals(1_796_040_000L, payload.get(5).AsInt64Value());
        assertEquals(1_796_126_400L, payload.get(6).AsInt64Value());
        assertEquals(revoked.toHex(), HexFormat.of().formatHex(payload.get(8).get(0).GetByteString()));
        assertEquals(0, payload.get(9).size());
    }
}
