package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.credential.Base45;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.IssuerKey;
import io.limen.format.cose.Pem;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.InflaterInputStream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the worked example of docs/credential-format.md and checks it against the values written
 * there, so the document and the code cannot drift apart. On a mismatch the message holds the
 * example block as the code makes it.
 */
class CredentialFormatExampleTest {

    private static final Path DOC = Path.of("..", "docs", "credential-format.md");
    private static final String BEGIN = "<!-- example:begin -->";
    private static final String END = "<!-- example:end -->";
    private static final HexFormat HEX = HexFormat.of();

    /** Ed25519 private key seed: the bytes 0x01, 0x02, ..., 0x20. */
    static byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i + 1);
        }
        return seed;
    }

    static Claims claims() {
        return new Claims("acme", "p-7",
                Instant.parse("2026-01-01T00:00:00Z"), // iat 1767225600
                Optional.empty(),
                Instant.parse("2026-02-01T00:00:00Z"), // exp 1769904000
                new CredentialId(HEX.parseHex("0102030405060708")),
                Optional.empty(), List.of("lobby"), Optional.of("Ada"));
    }

    @Test
    void workedExampleInTheDocument_isWhatTheCodeProduces() throws Exception {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed());
        IssuerKey key = IssuerKey.fromPem(Pem.write("PRIVATE KEY",
                PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded("DER")), "seed");
        CredentialIssuer issuer = new CredentialIssuer(key);

        byte[] claims = CredentialIssuer.encodeClaims(claims());
        byte[] cose = issuer.sign(claims);
        CBORObject coseArray = CBORObject.DecodeFromBytes(cose);
        assertTrue(coseArray.HasMostOuterTag(18), "COSE_Sign1 carries tag 18");
        byte[] protectedHeader = coseArray.UntagOne().get(0).GetByteString();
        byte[] signature = coseArray.UntagOne().get(3).GetByteString();
        // Sig_structure built here independently of the agent: ["Signature1", protected, h'', payload].
        byte[] sigStructure = CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0]).Add(claims).EncodeToBytes();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, privateKey.generatePublicKey());
        verifier.update(sigStructure, 0, sigStructure.length);
        assertTrue(verifier.verifySignature(signature), "the signature is over the Sig_structure as documented");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("seed", HEX.formatHex(seed()));
        expected.put("public key", HEX.formatHex(privateKey.generatePublicKey().getEncoded()));
        expected.put("spki", HEX.formatHex(key.publicKey().spki()));
        expected.put("kid", key.keyId().toHex());
        expected.put("claims", HEX.formatHex(claims));
        expected.put("protected", HEX.formatHex(protectedHeader));
        expected.put("sig_structure", HEX.formatHex(sigStructure));
        expected.put("signature", HEX.formatHex(signature));
        expected.put("cose_sign1", HEX.formatHex(cose));
        expected.put("revocation key", claims().revocationKey().toHex());

        Map<String, String> documented = documentedExample();
        String issued = issuer.issue(claims());
        String block = render(expected, Base45.decode(issued, 4), issued, cose.length);
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), documented.get(entry.getKey()), entry.getKey() + " differs; the code makes:\n" + block);
        }

        // zlib output may differ between zlib builds, so the document's stream is checked by what it holds.
        byte[] zlib = HEX.parseHex(documented.get("zlib"));
        assertArrayEquals(cose, inflate(zlib), "the documented zlib stream inflates to the COSE_Sign1");
        String text = documented.get("qr text");
        assertEquals("LP1:" + Base45.encode(zlib), text);
        TrustStore trust = TrustStore.fromPem(key.publicKeyPem(), "example");
        Verification result = new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW)
                .verify(text, Instant.parse("2026-01-15T00:00:00Z"));
        assertEquals(claims(), assertInstanceOf(Verification.Verified.class, result, result.toString()).credential().claims());
        assertEquals(text.length(), Integer.parseInt(documented.get("qr text length")));
        assertEquals(zlib.length, Integer.parseInt(documented.get("zlib length")));
        assertEquals(cose.length, Integer.parseInt(documented.get("cose_sign1 length")));
    }

    /** The example block as the document holds it; a failing run prints it for pasting. */
    static String render(Map<String, String> values, byte[] zlib, String text, int coseLength) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, hex) -> {
            out.append(name).append(":\n");
            for (int i = 0; i < hex.length(); i += 64) {
                out.append("  ").append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
            }
        });
        out.append("cose_sign1 length: ").append(coseLength).append('\n');
        String zlibHex = HEX.formatHex(zlib);
        out.append("zlib:\n");
        for (int i = 0; i < zlibHex.length(); i += 64) {
            out.append("  ").append(zlibHex, i, Math.min(zlibHex.length(), i + 64)).append('\n');
        }
        out.append("zlib length: ").append(zlib.length).append('\n');
        out.append("qr text:\n  ").append(text).append('\n');
        out.append("qr text length: ").append(text.length()).append('\n');
        return out.toString();
    }

    /**
     * The lines between the example markers: {@code name:} on its own line, then its value on
     * indented lines. Hex values may wrap over several lines; the QR text is on one line, because
     * Base45 has spaces of its own.
     */
    private static Map<String, String> documentedExample() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOC + " must hold the example between " + BEGIN + " and " + END);
        Map<String, String> values = new LinkedHashMap<>();
        String name = null;
        for (String line : doc.substring(begin + BEGIN.length(), end).split("\n")) {
            if (line.startsWith("  ") && name != null) {
                String value = name.equals("qr text") ? line.substring(2) : line.strip();
                values.merge(name, value, String::concat);
            } else if (line.endsWith(":") && !line.startsWith("`")) {
                name = line.substring(0, line.length() - 1);
            } else if (line.matches("[a-z0-9_ ]+: \\d+")) {
                String[] parts = line.split(": ");
                values.put(parts[0], parts[1]);
                name = null;
            } else {
                name = null;
            }
        }
        return values;
    }

    private static byte[] inflate(byte[] zlib) throws Exception {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(zlib))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
