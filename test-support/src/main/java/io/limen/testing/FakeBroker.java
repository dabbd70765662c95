package io.limen.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted MQTT 5 broker on a loopback port, for the reason codes mosquitto never sends: it answers
 * every CONNECT with one CONNACK reason code (or not at all), and each QoS 1 PUBLISH with the next
 * PUBACK reason code of its script (nothing once the script is used up). Only the packets needed are
 * written by hand: CONNACK, PUBACK, PINGRESP.
 */
public final class FakeBroker implements AutoCloseable {

    private final ServerSocket server;
    private final Integer connackCode;
    private final Queue<Integer> pubackCodes;
    private final AtomicInteger connects = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param connackCode the CONNACK reason code for every connect, or null to never answer */
    public FakeBroker(Integer connackCode, List<Integer> pubackCodes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.connackCode = connackCode;
        this.pubackCodes = new ConcurrentLinkedQueue<>(pubackCodes);
        Thread.ofPlatform().daemon().name("fake-broker").start(this::acceptLoop);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** CONNECT packets received so far. */
    public int connects() {
        return connects.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofPlatform().daemon().name("fake-broker-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int header = in.read();
                if (header < 0) {
                    return;
                }
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> { // CONNECT
                        connects.incrementAndGet();
                        if (connackCode != null) {
                            out.write(new byte[] {0x20, 3, 0, connackCode.byteValue(), 0}); // flags, reason, no properties
                            out.flush();
                            if (connackCode >= 0x80) {
                                return; // a refusing broker closes the connection
                            }
                        }
                    }
                    case 3 -> { // PUBLISH
                        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                        byte idHigh = body[2 + topicLength];
                        byte idLow = body[3 + topicLength];
                        Integer code = pubackCodes.poll();
                        if (code != null && ((header >> 1) & 3) == 1) {
                            out.write(new byte[] {0x40, 4, idHigh, idLow, code.byteValue(), 0}); // id, reason, no properties
                            out.flush();
                        }
                    }
                    case 12 -> { // PINGREQ
                        out.write(new byte[] {(byte) 0xD0, 0});
                        out.flush();
                    }
                    case 14 -> { // DISCONNECT
                        return;
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
