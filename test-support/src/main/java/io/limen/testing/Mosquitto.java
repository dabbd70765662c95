package io.limen.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto 2.0 as a child process on a free loopback port, with a config file of its own
 * (anonymous, no persistence): started and stopped by the tests, restartable on the same port.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String scheme;
    private Process process;

    /** A plain MQTT listener ({@code tcp://}). */
    public Mosquitto(Path dir) throws IOException {
        this(dir, "tcp", "");
    }

    /**
     * A TLS listener ({@code ssl://}) presenting {@code certFile} (with {@code keyFile}), issued by the CA in
     * {@code caFile}; see {@link TestPki}.
     */
    public static Mosquitto tls(Path dir, Path caFile, Path certFile, Path keyFile) throws IOException {
        // Run as root (as CI is), mosquitto drops to the mosquitto user before it reads the key, which then
        // cannot read an owner-only key in an owner-only temp folder: keep root (no effect for other users).
        return new Mosquitto(dir, "ssl", """
                user root
                cafile %s
                certfile %s
                keyfile %s
                """.formatted(caFile.toAbsolutePath(), certFile.toAbsolutePath(), keyFile.toAbsolutePath()));
    }

    private Mosquitto(Path dir, String scheme, String listenerOptions) throws IOException {
        this.dir = dir;
        this.scheme = scheme;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                %sallow_anonymous true
                persistence false
                log_dest stderr
                """.formatted(port, listenerOptions));
    }

    public String uri() {
        return scheme + "://127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public Mosquitto start() throws IOException {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::accepting);
        return this;
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + dir.resolve("mosquitto.log"));
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (SIGTERM) and waits for it to exit; its sessions and retained messages go with it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
