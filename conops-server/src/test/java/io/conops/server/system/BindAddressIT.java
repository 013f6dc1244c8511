package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conops.server.support.TestServer;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Given no CONOPS_BIND_ADDRESS, ConOps listens on loopback only and says so in its ready line. */
@ExtendWith(OutputCaptureExtension.class)
class BindAddressIT {
    @TempDir
    Path tmp;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void byDefaultTheServerListensOnLoopbackOnlyAndSaysSo(CapturedOutput output) throws Exception {
        server = TestServer.start(tmp.resolve("data"));

        InetAddress bound = ReadyLine.boundAddress(server.webServer());
        assertThat(bound).isNotNull();
        assertThat(bound.isLoopbackAddress()).isTrue();
        InetAddress external = externalAddress();
        assertThatThrownBy(() -> connect(external, server.port)).isInstanceOf(ConnectException.class);
        connect(InetAddress.getLoopbackAddress(), server.port);
        assertThat(output.getOut())
                .contains("ConOps ready, listening on 127.0.0.1:" + server.port
                        + " (loopback only; set CONOPS_BIND_ADDRESS to widen)");
    }

    @Test
    void bindAddressWidensTheListener(CapturedOutput output) throws Exception {
        server = TestServer.start(tmp.resolve("data"), Map.of("server.address", "0.0.0.0"));

        connect(externalAddress(), server.port);
        assertThat(output.getOut())
                .contains("listening on 0.0.0.0:" + server.port + " (all interfaces: reachable from other hosts)");
    }

    private static void connect(InetAddress address, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
        }
    }

    /** An IPv4 address of this host that is not loopback (the machine's own network interface). */
    private static InetAddress externalAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError("this host has no non-loopback IPv4 address to try");
    }
}
