package io.limen.agent.uplink;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers every connection with bytes that are no MQTT packet, then closes it. */
final class GarbageServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    volatile int accepted;

    GarbageServer() throws IOException {
        Thread.ofPlatform().daemon().name("garbage-broker").start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    accepted++;
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n\u00ff\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    socket.getInputStream().read(new byte[256]); // let the client read it before the close
                } catch (IOException e) {
                    // Closed by the test, or the client gave up first.
                }
            }
        });
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
