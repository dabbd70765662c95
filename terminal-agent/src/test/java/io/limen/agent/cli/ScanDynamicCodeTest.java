package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.CoseResult;
import io.limen.format.cose.CoseSign1;
import io.limen.format.credential.Base45;
import io.limen.format.cose.SigningKey;
import io.limen.format.credential.Claims;
import io.limen.format.credential.CredentialId;
import io.limen.format.credential.CredentialIssuer;
import io.limen.format.credential.HolderKey;
import io.limen.format.credential.IssuerKey;
import io.limen.format.credential.Presenter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scan} judges dynamic codes as a terminal does, and prints each refusal's own reason code. */
class ScanDynamicCodeTest {

    private static final Instant AT = Instant.parse("2026-11-15T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void dynamicCodes_freshGranted_onceOnly_screenshotAndForeignSignatureRefusedWithTheirReasons() throws Exception {
        IssuerKey issuer = IssuerKey.generate(CoseAlgorithm.EDDSA, new SecureRandom());
        Path trust = Files.writeString(dir.resolve("trust.pem"), issuer.publicKeyPem());
        SigningKey phone = SigningKey.generate(CoseAlgorithm.ES256, new SecureRandom());
        String credential = new CredentialIssuer(issuer).issue(new Claims("https://issuer.example", "holder-1", AT.minus(Duration.ofDays(1)),
                Optional.empty(), AT.plus(Duration.ofDays(1)), CredentialId.fromHex("0102"), Optional.of(HolderKey.of(phone.verifyingKey())),
                List.of("lobby"), Optional.empty()));
        Presenter app = new Presenter(credential, phone);
        String fresh = app.present(AT.minusSeconds(5), new SecureRandom());
        String screenshot = app.present(AT.minus(Duration.ofMinutes(2)), new SecureRandom());
        // The fresh code's payload signed by another phone: a copied credential with someone else's key.
        byte[] payload = ((CoseResult.Accepted<CoseSign1>) CoseSign1.decode(Base45.decode(fresh, 4))).value().payload();
        String foreign = "LQ1:" + Base45.encode(CoseSign1.sign(SigningKey.generate(CoseAlgorithm.ES256, new SecureRandom()), payload));

        StringWriter out = new StringWriter();
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute("scan", "--trust", trust.toString(), "--at", AT.toString(),
                "--text", fresh, "--text", fresh, "--text", screenshot, "--text", foreign, "--text", credential);

        assertEquals(0, exit);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).contains("\"decision\":\"granted\",\"reason\":\"ok\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"decision\":\"denied\",\"reason\":\"replayed\""), lines.get(1));
        assertTrue(lines.get(2).contains("\"decision\":\"denied\",\"reason\":\"presentation_expired\""), lines.get(2));
        assertTrue(lines.get(3).contains("\"decision\":\"denied\",\"reason\":\"bad_holder_signature\""), lines.get(3));
        assertTrue(lines.get(4).contains("\"decision\":\"granted\""), "the static code of a bound credential is welcome by default: " + lines.get(4));
    }
}
