package io.limen.format.credential;

import static io.limen.format.credential.Forge.ED;
import static io.limen.format.credential.Forge.NOW;
import static io.limen.format.credential.Forge.assertReason;
import static io.limen.format.credential.Forge.concat;
import static io.limen.format.credential.Forge.deflate;
import static io.limen.format.credential.Forge.text;
import static io.limen.format.credential.Forge.verifier;
import static io.limen.format.credential.Forge.verifyWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The text and byte layers below COSE: prefix, Base45, size, zlib. */
class EncodingBadInputTest {

    private static final Duration FAST = Duration.ofMillis(50);

    private static final byte[] COSE = Forge.signedBytes(ED, Forge.claimsMap().EncodeToBytes());
    private static final byte[] ZLIB = deflate(COSE);
    private static final String VALID = text(COSE, true);
    /** The Base45 part of {@link #VALID}. */
    private static final String BODY = VALID.substring(CredentialVerifier.STATIC_PREFIX.length());

    static Stream<Arguments> cases() {
        return Stream.of(
                // The prefix.
                Arguments.of("empty text", "", Reason.BAD_PREFIX),
                Arguments.of("EU DCC prefix HC1:", "HC1:" + BODY, Reason.BAD_PREFIX),
                Arguments.of("lower-case prefix", "lp1:" + BODY, Reason.BAD_PREFIX),
                Arguments.of("prefix without colon", "LP1" + BODY, Reason.BAD_PREFIX),
                Arguments.of("leading space", " " + VALID, Reason.BAD_PREFIX),
                Arguments.of("no prefix at all", BODY, Reason.BAD_PREFIX),
                Arguments.of("future version LP2:", "LP2:" + BODY, Reason.BAD_PREFIX),
                // A static credential behind the dynamic prefix: its payload is a claims map, not [credential, t, nonce].
                Arguments.of("static credential behind LQ1:", "LQ1:" + BODY, Reason.BAD_PRESENTATION),
                // Base45 characters.
                Arguments.of("lower-case Base45", "LP1:" + BODY.toLowerCase(java.util.Locale.ROOT), Reason.BAD_BASE45),
                Arguments.of("'!' is not Base45", replaceAt(VALID, 4, "!"), Reason.BAD_BASE45),
                Arguments.of("'#' is not Base45", replaceAt(VALID, VALID.length() / 2, "#"), Reason.BAD_BASE45),
                Arguments.of("'=' padding is not Base45", replaceAt(VALID, VALID.length() - 1, "="), Reason.BAD_BASE45),
                Arguments.of("newline", replaceAt(VALID, VALID.length() - 1, "\n"), Reason.BAD_BASE45),
                Arguments.of("NUL", replaceAt(VALID, 10, "\u0000"), Reason.BAD_BASE45),
                Arguments.of("Latin-1 letter", replaceAt(VALID, 10, "\u00C9"), Reason.BAD_BASE45),
                Arguments.of("fullwidth colon", replaceAt(VALID, 10, "\uFF1A"), Reason.BAD_BASE45),
                Arguments.of("surrogate pair (emoji)", VALID.substring(0, 10) + "\uD83D\uDE00" + VALID.substring(12), Reason.BAD_BASE45),
                Arguments.of("lone surrogate", replaceAt(VALID, 10, "\uD800"), Reason.BAD_BASE45),
                // Base45 lengths and values.
                Arguments.of("one character (1 mod 3)", "LP1:0", Reason.BAD_BASE45),
                Arguments.of("valid body plus characters to 1 mod 3", lengthOneModThree(VALID), Reason.BAD_BASE45),
                Arguments.of("group of 65536 (GGW)", "LP1:GGW", Reason.BAD_BASE45),
                Arguments.of("group of 91124 (:::)", "LP1::::", Reason.BAD_BASE45),
                Arguments.of("valid body then group > 65535", VALID + ":::", Reason.BAD_BASE45),
                Arguments.of("final pair of 256 (V5)", "LP1:V5", Reason.BAD_BASE45),
                Arguments.of("final pair of 2024 (::)", "LP1:::", Reason.BAD_BASE45),
                Arguments.of("group of 65535 (FGW) decodes, is not COSE", "LP1:FGW", Reason.BAD_COSE),
                Arguments.of("final pair of 255 (U5) decodes, is not COSE", "LP1:U5", Reason.BAD_COSE),
                Arguments.of("prefix only: no payload", "LP1:", Reason.BAD_COSE),
                // Size.
                Arguments.of("4,297 characters", "LP1:" + "0".repeat(4_293), Reason.TOO_LARGE),
                Arguments.of("4,296 characters are read (zeros are not COSE)", "LP1:" + "0".repeat(4_292), Reason.BAD_COSE),
                // zlib framing.
                Arguments.of("zlib header only", text(new byte[] {0x78, (byte) 0xDA}, false), Reason.BAD_ZLIB),
                Arguments.of("zlib without its Adler-32", text(Arrays.copyOf(ZLIB, ZLIB.length - 4), false), Reason.BAD_ZLIB),
                Arguments.of("zlib cut in half", text(Arrays.copyOf(ZLIB, ZLIB.length / 2), false), Reason.BAD_ZLIB),
                Arguments.of("zlib short of one byte", text(Arrays.copyOf(ZLIB, ZLIB.length - 1), false), Reason.BAD_ZLIB),
                Arguments.of("zlib with a wrong Adler-32", text(flipLastByte(ZLIB), false), Reason.BAD_ZLIB),
                Arguments.of("zlib with a reserved block type", text(withByte(ZLIB, 2, 0xFF), false), Reason.BAD_ZLIB),
                Arguments.of("zlib then trailing bytes", text(concat(ZLIB, new byte[] {0, 0}), false), Reason.BAD_ZLIB),
                Arguments.of("zlib asking for a preset dictionary", text(concat(new byte[] {0x78, (byte) 0xBB, 0, 0, 0, 1}, ZLIB), false),
                        Reason.BAD_ZLIB),
                Arguments.of("zlib of zlib: inflated once, then not COSE", text(deflate(ZLIB), false), Reason.BAD_COSE),
                Arguments.of("zlib of garbage", text(deflate(new byte[] {(byte) 0xFF, 1, 2, 3}), false), Reason.BAD_COSE),
                Arguments.of("zlib of nothing", text(deflate(new byte[0]), false), Reason.BAD_COSE),
                // Both forms of a good payload.
                Arguments.of("compressed payload", VALID, Reason.OK),
                Arguments.of("uncompressed payload", text(COSE, false), Reason.OK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void badEncoding_isRefusedWithItsReason(String name, String text, Reason expected) {
        assertReason(expected, verifier().verify(text, NOW));
    }

    @Test
    void zlibBomb_isRefusedAsTooLarge_fast() {
        // 2 MiB of zeros deflates to about 2 KiB: it fits a QR code and would inflate 500-fold.
        String bomb = text(deflate(new byte[2 << 20]), false);
        assertTrue(bomb.length() <= CredentialVerifier.MAX_TEXT_LENGTH, "bomb must fit in a QR code, but has " + bomb.length() + " characters");

        assertReason(Reason.TOO_LARGE, verifyWithin(FAST, verifier(), bomb, NOW));
    }

    @Test
    void zlibBombOfAValidCredential_isRefusedAsTooLarge_fast() {
        byte[] padded = concat(COSE, new byte[1 << 20]);
        assertReason(Reason.TOO_LARGE, verifyWithin(FAST, verifier(), text(deflate(padded), false), NOW));
    }

    @Test
    void megabyteOfText_isRefusedAsTooLarge_fast() {
        assertReason(Reason.TOO_LARGE, verifyWithin(FAST, verifier(), "LP1:" + "0".repeat(1 << 20), NOW));
    }

    @Test
    void inflatingToExactlyTheLimit_isAccepted_andOneByteMore_isTooLarge() {
        byte[] atLimit = coseOfSize(CredentialVerifier.MAX_PAYLOAD_BYTES);
        byte[] overLimit = coseOfSize(CredentialVerifier.MAX_PAYLOAD_BYTES + 1);

        assertReason(Reason.OK, verifier().verify(text(atLimit, true), NOW));
        assertReason(Reason.TOO_LARGE, verifier().verify(text(overLimit, true), NOW));
    }

    /** A valid credential of exactly {@code size} COSE bytes, padded with an unknown claim. */
    private static byte[] coseOfSize(int size) {
        for (int padding = 0; padding < size; padding++) {
            CBORObject claims = Forge.claimsMap().Add(99, new byte[padding]);
            byte[] cose = Forge.signedBytes(ED, claims.EncodeToBytes());
            if (cose.length == size) {
                return cose;
            }
        }
        throw new AssertionError("no padding makes a credential of " + size + " bytes");
    }

    @Test
    void zlibStreamWithAPresetDictionary_isRefusedSayingSo_notTruncated() {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setDictionary("Signature1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        deflater.setInput(COSE);
        deflater.finish();
        byte[] buffer = new byte[COSE.length + 64];
        byte[] withDictionary = Arrays.copyOf(buffer, deflater.deflate(buffer));
        deflater.end();
        assertTrue(Zlib.looksCompressed(withDictionary) && (withDictionary[1] & 0x20) != 0, "FDICT set");

        Verification result = verifier().verify(text(withDictionary, false), NOW);

        assertReason(Reason.BAD_ZLIB, result);
        assertEquals("zlib stream needs a preset dictionary (FDICT set), which this format never uses", ((Verification.Refused) result).detail());
    }

    @Test
    void completeZlibStreamOfNothing_inflatesToNothing_notTruncated() {
        // Regression: the last inflate() returns 0 bytes with all input consumed; that is the end, not a cut.
        assertEquals(0, Zlib.inflate(deflate(new byte[0]), CredentialVerifier.MAX_PAYLOAD_BYTES).length);
    }

    @Test
    void fixturesAreWhatTheyClaim() {
        assertTrue(Zlib.looksCompressed(ZLIB));
        assertEquals(0, BODY.length() % 3 == 1 ? 1 : 0, "valid body is a legal Base45 length");
    }

    private static String replaceAt(String text, int index, String replacement) {
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }

    private static String lengthOneModThree(String text) {
        StringBuilder out = new StringBuilder(text);
        while ((out.length() - CredentialVerifier.STATIC_PREFIX.length()) % 3 != 1) {
            out.append('0');
        }
        return out.toString();
    }

    private static byte[] flipLastByte(byte[] bytes) {
        return withByte(bytes, bytes.length - 1, bytes[bytes.length - 1] ^ 0x01);
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
