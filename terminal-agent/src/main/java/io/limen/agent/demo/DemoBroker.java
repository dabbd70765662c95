package io.limen.agent.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's MQTT broker: Debian's mosquitto (MQTT 5) as a child process on a free loopback port,
 * anonymous, keeping nothing on disk, with its config and log in a temporary folder of its own. Found
 * on the {@code PATH} or in {@code /usr/sbin} (where Debian installs it, off a normal user's PATH).
 */
final class DemoBroker implements AutoCloseable {

    /** What the demo tells someone without mosquitto. */
    static final String INSTALL_HINT = "sudo apt-get install mosquitto";

    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Process process;
    private final Path work;
    private final int port;

    private DemoBroker(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /** The mosquitto executable, if installed. */
    static Optional<Path> find() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "mosquitto")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts {@code mosquitto} and waits until it accepts connections.
     *
     * @throws IOException if it cannot be started or does not listen within 10 s (its log is in the message)
     */
    static DemoBroker start(Path mosquitto) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path work = Files.createTempDirectory("limen-demo-broker");
        Path conf = Files.writeString(work.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                log_dest stderr
                """.formatted(port));
        Process process = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.log").toFile()).start();
        DemoBroker broker = new DemoBroker(process, work, port);
        long deadline = System.nanoTime() + START_NANOS;
        while (!broker.accepting()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String log = Files.readString(work.resolve("mosquitto.log")).strip();
                broker.close();
                throw new IOException("mosquitto did not start listening on 127.0.0.1:" + port + ": " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broker.close();
                throw new IOException("interrupted while mosquitto started", e);
            }
        }
        return broker;
    }

    private boolean accepting() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(work);
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
