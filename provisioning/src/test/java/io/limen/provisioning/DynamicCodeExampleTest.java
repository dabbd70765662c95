package io.limen.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.limen.format.cose.Pem;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Base45;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.CredentialVerifier;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.Presenter;
import io.limen.format.credential.TrustStore;
import io.limen.format.credential.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the dynamic-code example of docs/credential-format.md §9 and checks it against the values
 * written there; the holder's signature is checked here with Bouncy Castle directly, over a
 * Sig_structure built with the CBOR library, independently of the verifier. On a mismatch the message
 * holds the example block as the code makes it.
 */
class DynamicCodeExampleTest {

    private static final Path DOC = Path.of("..", "docs", "credential-format.md");
    private static final String BEGIN = "<!-- dynamic-example:begin -->";
    private static final String END = "<!-- dynamic-example:end -->";
    private static final HexFormat HEX = HexFormat.of();
    /** t: 2026-01-15T09:00:00Z. */
    private static final Instant T = Instant.ofEpochSecond(1_768_467_600L);
    private static final byte[] NONCE = HEX.parseHex("a1a2a3a4a5a6a7a8");

    /** The holder's Ed25519 seed: the bytes 0x21, 0x22, ..., 0x40. */
    static byte[] holderSeed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (0x21 + i);
        }
        return seed;
    }

    private static SigningKey key(Ed25519PrivateKeyParameters privateKey) throws Exception {
        return SigningKey.fromPem(Pem.write("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded("DER")), "seed");
    }

    @Test
    void dynamicCodeExampleInTheDocument_isWhatTheCodeProduces() throws Exception {
        IssuerKey issuer = new IssuerKey(key(new Ed25519PrivateKeyParameters(CredentialFormatExampleTest.seed())));
        Ed25519PrivateKeyParameters holderPrivate = new Ed25519PrivateKeyParameters(holderSeed());
        SigningKey holder = key(holderPrivate);
        Claims base = CredentialFormatExampleTest.claims();
        Claims claims = new Claims(base.issuer(), base.subject(), base.issuedAt(), base.notBefore(), base.expiresAt(), base.id(),
                Optional.of(HolderKey.of(holder.verifyingKey())), base.zones(), base.displayName());
        byte[] credentialClaims = CredentialIssuer.encodeClaims(claims);
        byte[] credential = new CredentialIssuer(issuer).sign(credentialClaims);

        String code = new Presenter(CredentialIssuer.toText(credential, false), holder).present(T, NONCE);
        byte[] outer = Base45.decode(code, 4);
        CBORObject outerArray = CBORObject.DecodeFromBytes(outer);
        assertTrue(outerArray.HasMostOuterTag(18), "the dynamic code's COSE_Sign1 carries tag 18");
        byte[] protectedHeader = outerArray.UntagOne().get(0).GetByteString();
        byte[] payload = outerArray.UntagOne().get(2).GetByteString();
        byte[] signature = outerArray.UntagOne().get(3).GetByteString();
        byte[] expectedPayload = CBORObject.NewArray().Add(credential).Add(T.getEpochSecond()).Add(NONCE).EncodeToBytes();
        assertEquals(HEX.formatHex(expectedPayload), HEX.formatHex(payload), "the payload is [credential, t, nonce]");
        byte[] sigStructure = CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0]).Add(payload).EncodeToBytes();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, holderPrivate.generatePublicKey());
        verifier.update(sigStructure, 0, sigStructure.length);
        assertTrue(verifier.verifySignature(signature), "the holder's signature is over the Sig_structure as documented");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("holder seed", HEX.formatHex(holderSeed()));
        expected.put("holder public key", HEX.formatHex(holderPrivate.generatePublicKey().getEncoded()));
        expected.put("holder kid", holder.keyId().toHex());
        expected.put("credential claims", HEX.formatHex(credentialClaims));
        expected.put("credential", HEX.formatHex(credential));
        expected.put("payload", HEX.formatHex(payload));
        expected.put("protected", HEX.formatHex(protectedHeader));
        expected.put("sig_structure", HEX.formatHex(sigStructure));
        expected.put("signature", HEX.formatHex(signature));
        expected.put("cose_sign1", HEX.formatHex(outer));
        expected.put("qr text", code);
        expected.put("qr text length", String.valueOf(code.length()));

        Map<String, String> documented = documented();
        String block = render(expected);
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), documented.get(entry.getKey()), entry.getKey() + " differs; the code makes:\n" + block);
        }

        // A terminal trusting the issuer accepts the documented text within the window of t, and no later.
        TrustStore trust = TrustStore.fromPem(issuer.publicKeyPem(), "example");
        CredentialVerifier terminal = new CredentialVerifier(() -> trust, CredentialVerifier.DEFAULT_CLOCK_SKEW);
        Credential accepted = assertInstanceOf(Verification.Verified.class, terminal.verify(documented.get("qr text"),
                T.plus(Duration.ofSeconds(30)))).credential();
        assertEquals(claims, accepted.claims());
        Verification late = terminal.verify(documented.get("qr text"), T.plus(Duration.ofSeconds(31)));
        assertEquals("presentation_expired", ((Verification.Refused) late).reason().code());
    }

    private static String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> {
            if (name.endsWith("length")) {
                out.append(name).append(": ").append(value).append('\n');
            } else if (name.equals("qr text")) {
                out.append(name).append(":\n  ").append(value).append('\n');
            } else {
                out.append(name).append(":\n");
                for (int i = 0; i < value.length(); i += 64) {
                    out.append("  ").append(value, i, Math.min(value.length(), i + 64)).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** As {@link CredentialFormatExampleTest}: {@code name:} then indented lines; {@code name: number} on one line. */
    private static Map<String, String> documented() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        Map<String, String> values = new LinkedHashMap<>();
        if (begin < 0 || end < begin) {
            return values;
        }
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
}
