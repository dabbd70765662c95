package io.limen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and a server certificate for 127.0.0.1, made with the real openssl for TLS tests: {@code ca.pem}
 * (the CA certificate a client trusts), {@code server.pem} and {@code server.key} (what the broker
 * presents; subjectAltName IP:127.0.0.1), all P-256, valid for a day.
 *
 * @param caFile   the CA certificate, PEM
 * @param certFile the server certificate, PEM
 * @param keyFile  the server's private key, PEM
 */
public record TestPki(Path caFile, Path certFile, Path keyFile) {

    /** Makes the files in {@code dir} (which must exist); {@code name} prefixes them, so one folder may hold two CAs. */
    public static TestPki create(Path dir, String name) throws IOException, InterruptedException {
        Path caKey = dir.resolve(name + "-ca.key");
        Path ca = dir.resolve(name + "-ca.pem");
        Path key = dir.resolve(name + "-server.key");
        Path csr = dir.resolve(name + "-server.csr");
        Path cert = dir.resolve(name + "-server.pem");
        Path ext = dir.resolve(name + "-san.cnf");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-days", "1", "-subj", "/CN=" + name + " test CA");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
                "-out", cert.toString(), "-days", "1", "-extfile", ext.toString());
        return new TestPki(ca, cert, key);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("openssl.log").toFile())).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", args) + " failed; see " + dir.resolve("openssl.log"));
        }
    }
}
