package io.limen.agent.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.limen.config.BatchConfig;
import io.limen.config.UplinkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a real mosquitto whose certificate a test CA signed (made with openssl for the test): with
 * that CA in {@code caFile} the pump connects and sends; with another CA it never connects, every row
 * stays in the outbox and the terminal goes on appending.
 */
class UplinkTlsTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Process broker;
    private int port;

    @BeforeEach
    void brokerWithATestCa() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=limen test CA", "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=another CA", "-keyout", "other.key", "-out", "other-ca.pem");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1",
                "-extfile", "san.ext", "-out", "server.pem");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                cafile %s
                certfile %s
                keyfile %s
                user %s
                """.formatted(port, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                // Run as root, mosquitto drops to user mosquitto, who may not read the test's private folder.
                System.getProperty("user.name")));
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(WITHIN).until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + Files.readString(dir.resolve("openssl.log")));
        }
    }

    private UplinkConfig tls(Path ca) {
        return new UplinkConfig("ssl://127.0.0.1:" + port, "door-3", "limen/site-1/door-3", Duration.ofMillis(1500),
                Duration.ofMillis(1500), UplinkConfigs.BACKOFF_INITIAL, UplinkConfigs.BACKOFF_MAX, UplinkConfigs.RESET,
                Optional.of(ca), Duration.ofSeconds(60), 1, Duration.ofHours(1), new BatchConfig(10, Duration.ofSeconds(1), 2048));
    }

    @Test
    void theBrokersOwnCa_connectsAndSendsEveryScan() throws Exception {
        try (PumpRig rig = new PumpRig(dir, tls(dir.resolve("ca.pem")))) {
            rig.append(25);
            await().atMost(WITHIN).until(() -> rig.unsent() == 0);
            assertEquals(25, rig.pump.counts().scans());
        }
    }

    @Test
    void anotherCa_neverConnects_everyRowStaysUnsent_andTheTerminalGoesOn() throws Exception {
        try (PumpRig rig = new PumpRig(dir, tls(dir.resolve("other-ca.pem")))) {
            rig.append(25);
            // Several handshakes (backoff 100 ms..1 s), each refused: the broker logs each one it closes.
            await().atMost(WITHIN).until(() -> Files.readString(dir.resolve("mosquitto.log")).split("OpenSSL Error", -1).length > 3);
            assertFalse(rig.pump.isConnected());
            rig.append(25);
            assertEquals(50, rig.unsent());
            assertEquals(0, rig.pump.counts().batches());
        }
    }
}
