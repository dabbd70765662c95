package io.limen.benchmarks.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets, each counted as a connection attempt: Paho's automatic reconnect makes its attempts
 * inside the client, and every one of them begins with {@code createSocket()}.
 */
final class CountingSocketFactory extends SocketFactory {

    private final FleetMeter meter;

    CountingSocketFactory(FleetMeter meter) {
        this.meter = meter;
    }

    @Override
    public Socket createSocket() {
        meter.attempts.incrementAndGet();
        return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        meter.attempts.incrementAndGet();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        meter.attempts.incrementAndGet();
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        meter.attempts.incrementAndGet();
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        meter.attempts.incrementAndGet();
        return new Socket(address, port, localAddress, localPort);
    }
}
