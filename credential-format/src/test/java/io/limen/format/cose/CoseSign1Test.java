package io.limen.format.cose;

import static io.limen.format.cose.Keys.EC;
import static io.limen.format.cose.Keys.ED;
import static io.limen.format.cose.Keys.OTHER_ED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generic COSE_Sign1, as lists, commands and enrolment will use it: sign, then verify against the keys of a kid. */
class CoseSign1Test {

    private static final byte[] PAYLOAD = "any payload: a list, a command".getBytes(StandardCharsets.UTF_8);

    @Test
    void signedByEitherAlgorithm_verifiesWithItsKey_andNamesItAsSigner() {
        for (SigningKey key : List.of(ED, EC)) {
            byte[] message = CoseSign1.sign(key, PAYLOAD);

            CoseResult<CoseSign1.Signed> result = CoseSign1.verify(message, kid -> List.of(OTHER_ED.verifyingKey(), key.verifyingKey()));

            CoseSign1.Signed signed = (CoseSign1.Signed) assertInstanceOf(CoseResult.Accepted.class, result, result::toString).value();
            assertEquals(key.verifyingKey(), signed.signer());
            assertEquals(key.keyId(), signed.message().keyId());
            assertEquals(key.algorithm(), signed.message().algorithm());
            assertArrayEquals(PAYLOAD, signed.message().payload());
        }
    }

    @Test
    void noKeyForTheKid_isUnknownKid() {
        assertRefused(Reason.UNKNOWN_KID, CoseSign1.verify(CoseSign1.sign(ED, PAYLOAD), kid -> List.of()));
    }

    @Test
    void keysOfTheKidThatDoNotVerify_isBadSignature_andAKeyOfTheOtherAlgorithmIsSkipped() {
        CoseResult<CoseSign1.Signed> result = CoseSign1.verify(CoseSign1.sign(ED, PAYLOAD), kid -> List.of(EC.verifyingKey(), OTHER_ED.verifyingKey()));

        assertRefused(Reason.BAD_SIGNATURE, result);
    }

    @Test
    void garbage_isRefusedAsBadCose_neverThrown() {
        for (byte[] bytes : List.of(new byte[0], new byte[] {(byte) 0x84}, new byte[] {(byte) 0xFF, 1, 2}, "not cbor".getBytes(StandardCharsets.UTF_8))) {
            assertRefused(Reason.BAD_COSE, CoseSign1.decode(bytes));
            assertRefused(Reason.BAD_COSE, CoseSign1.verify(bytes, kid -> List.of(ED.verifyingKey())));
        }
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 23, 24, 255, 256, 4_000, 65_535, 65_536})
    void signedLength_isKnownExactlyBeforeSigning(int payloadLength) {
        for (SigningKey key : List.of(ED, EC)) {
            assertEquals(CoseSign1.sign(key, new byte[payloadLength]).length, CoseSign1.signedLength(key, payloadLength));
        }
    }

    @Test
    void theCoseLayer_knowsNothingOfTheCredentialLayer() throws IOException {
        Path cose = Path.of("src/main/java/io/limen/format/cose");
        assertTrue(Files.isDirectory(cose), "run from the module folder: " + cose.toAbsolutePath());
        try (Stream<Path> files = Files.list(cose)) {
            for (Path file : files.toList()) {
                String source = Files.readString(file);
                assertTrue(!source.contains("io.limen.format.credential"), file + " must not depend on the credential layer");
            }
        }
    }

    private static void assertRefused(Reason expected, CoseResult<?> result) {
        CoseResult.Refused<?> refused = assertInstanceOf(CoseResult.Refused.class, result, result::toString);
        assertEquals(expected, refused.reason(), refused::detail);
    }
}
