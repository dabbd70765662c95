package io.limen.benchmarks.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto 2.0 as a child process on a free loopback port, set up as a central broker would be
 * for the run: {@code $SYS} counters every second, persistence (the consumer's session and its queued
 * messages survive the outage's stop and start, as they would on a real central broker), no cap on a
 * session's queue (mosquitto's default of 1000 would drop messages silently and count them as lost).
 */
final class Broker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    Broker(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                sys_interval 1
                max_queued_messages 0
                log_dest file %s
                log_type error
                log_type warning
                """.formatted(port, dir.toAbsolutePath(), dir.toAbsolutePath().resolve("mosquitto.log"))
                // Started as root, mosquitto becomes the user mosquitto and could not write its files here.
                + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and waits (at most 10 s) until it accepts connections. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir.resolve("mosquitto.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not listen on " + port + " within 10 s; see " + dir.resolve("mosquitto.log"));
            }
            Thread.sleep(20);
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (SIGTERM: it saves its sessions) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
