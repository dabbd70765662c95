package io.limen.format.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule for an issuer, subject, zone or display name, wherever it is typed, read or written. */
class ClaimTextTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://acme.example             | ok
            Zoë                              | ok
            ''                               | it is empty
            ' acme'                          | it starts with a blank (U+0020)
            'acme\u00A0'                     | it ends with a blank (U+00A0)
            'acme\u3000'                     | it ends with a blank (U+3000)
            'ac\nme'                         | it holds a line break (U+000A) at character 3
            'acme\r'                         | it holds a line break (U+000D) at character 5
            'ac\tme'                         | it holds a control character (U+0009) at character 3
            'acme\u0085'                     | it holds a control character (U+0085) at character 5
            'ac\u2029me'                     | it holds a line break (U+2029) at character 3
            'ac\u202Eme'                     | it holds a bidirectional formatting character (U+202E) at character 3
            'Zoe\u0308'                      | it is not in Unicode NFC (composed form)
            """)
    void rule(String text, String expected) {
        assertEquals(expected.equals("ok") ? Optional.empty() : Optional.of(expected), ClaimText.problem(text));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"256, ok", "257, it is 257 bytes"})
    void lengthIsCountedInUtf8Bytes(int bytes, String expected) {
        String text = "é".repeat(bytes / 2) + "x".repeat(bytes % 2); // é is 2 bytes in UTF-8
        assertEquals(expected.equals("ok") ? Optional.empty() : Optional.of(expected), ClaimText.problem(text));
    }

    @ParameterizedTest
    @CsvSource({"Zoe\u0308, Zo\u00EB", "cafe\u0301, caf\u00E9", "plain, plain"})
    void normalize_composes(String typed, String expected) {
        assertEquals(expected, ClaimText.normalize(typed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'acme\n'|--issuer must be 1..256 bytes of UTF-8 text on one line, without control characters or blanks"
            + " at either end, but it holds a line break (U+000A) at character 5: 'acme\\u000A'"})
    void require_saysSubjectRuleAndActualValue(String text, String expected) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> ClaimText.require("--issuer", text)).getMessage());
    }
}
