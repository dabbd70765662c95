package io.limen.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet side and the terminal agree: what {@code provision issue} writes, {@code scan} accepts
 * from the PNG and from the text, and refuses once it is expired, tampered with, or checked against
 * another issuer's trust file.
 */
class IssueThenScanTest {

    @TempDir
    Path dir;

    @Test
    void everythingIssued_isGrantedByScan_andNothingElseIs() throws Exception {
        List<String> pngs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String alg : List.of("ed25519", "p256")) {
            Path keys = dir.resolve(alg);
            assertEquals(0, ProvisionCli.run("keys", "--alg", alg, "--out", keys.toString()).exitCode());
            String[][] variants = {
                {"--subject", "staff-1", "--valid-for", "P30D"},
                {"--subject", "staff-2", "--valid-for", "PT8H", "--zone", "lobby", "--name", "Zoë Ünal-Ñúñez"},
                {"--subject", "visitor-3", "--not-before", "2026-11-27T13:00:00Z", "--expires", "2026-11-28T00:00:00Z", "--cti", "07"},
                {"--subject", "staff-4", "--valid-for", "P365D", "--zone", "lobby", "--zone", "garage", "--zone", "floor-12"},
            };
            for (int i = 0; i < variants.length; i++) {
                Path prefix = dir.resolve("out/" + alg + "-" + i);
                List<String> args = new ArrayList<>(List.of("issue", "--key", keys.resolve("issuer.key").toString(),
                        "--issuer", "https://" + alg + ".issuer.example", "--out", prefix.toString()));
                args.addAll(List.of(variants[i]));
                ProvisionCli.Result issued = ProvisionCli.run(args.toArray(String[]::new));
                assertEquals(0, issued.exitCode(), issued.toString());
                pngs.add(prefix + ".png");
                texts.add(Files.readString(Path.of(prefix + ".txt"), StandardCharsets.US_ASCII));
            }
        }
        Path trust = dir.resolve("trust.pem");
        Files.writeString(trust, Files.readString(dir.resolve("ed25519/trust.pem")) + Files.readString(dir.resolve("p256/trust.pem")));
        String during = "2026-11-27T15:00:00Z";

        List<String> fromImages = scan(trust, during, pngs, List.of());
        List<String> fromTexts = scan(trust, during, List.of(), texts);

        assertEquals(8, fromImages.size());
        fromImages.forEach(line -> assertTrue(line.contains("\"decision\":\"granted\",\"reason\":\"ok\""), line));
        fromTexts.forEach(line -> assertTrue(line.contains("\"decision\":\"granted\",\"reason\":\"ok\""), line));

        scan(trust, "2028-01-01T00:00:00Z", List.of(), texts)
                .forEach(line -> assertTrue(line.contains("\"reason\":\"expired\""), line));
        scan(dir.resolve("p256/trust.pem"), during, List.of(), texts.subList(0, 4))
                .forEach(line -> assertTrue(line.contains("\"reason\":\"unknown_kid\""), line));
        List<String> tampered = texts.stream().map(IssueThenScanTest::flipOneCharacter).toList();
        scan(trust, during, List.of(), tampered)
                .forEach(line -> assertTrue(line.contains("\"decision\":\"denied\""), line));
    }

    /** Changes one Base45 character in the middle: any change must be refused, whatever the reason. */
    private static String flipOneCharacter(String text) {
        int at = text.length() / 2;
        char replacement = text.charAt(at) == '5' ? '6' : '5';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private static List<String> scan(Path trust, String at, List<String> files, List<String> texts) {
        List<String> args = new ArrayList<>(List.of("scan", "--trust", trust.toString(), "--at", at));
        texts.forEach(text -> args.addAll(List.of("--text", text)));
        args.addAll(files);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute(args.toArray(String[]::new)), err.toString());
        return out.toString().lines().toList();
    }
}
