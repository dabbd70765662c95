package io.limen.format.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.upokecenter.cbor.CBORObject;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written Sig_structure (it sits on every verify) against the CBOR library's encoding of the
 * same array, at every length where a CBOR head changes size: 23/24 (1 → 2 bytes), 255/256 (2 → 3),
 * 65535/65536 (3 → 5), for the protected header and the payload alike.
 */
class SigStructureTest {

    private static final int[] BOUNDARIES = {0, 1, 23, 24, 255, 256, 65_535, 65_536};

    static Stream<Arguments> lengths() {
        return IntStream.of(BOUNDARIES).boxed()
                .flatMap(p -> IntStream.of(BOUNDARIES).mapToObj(q -> Arguments.of(p, q)));
    }

    @ParameterizedTest(name = "protected {0} bytes, payload {1} bytes")
    @MethodSource("lengths")
    void handWrittenHeads_matchTheCborLibrary(int protectedLength, int payloadLength) {
        byte[] protectedBytes = filled(protectedLength, 0xA1);
        byte[] payload = filled(payloadLength, 0x5C);

        byte[] library = CBORObject.NewArray().Add("Signature1").Add(protectedBytes).Add(new byte[0]).Add(payload).EncodeToBytes();

        assertArrayEquals(library, CoseSign1.sigStructure(protectedBytes, payload));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
