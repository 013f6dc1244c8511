package io.conops.server.support;

import com.github.dockerjava.core.util.CertificateUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A Docker Engine behind mutual TLS, as {@code dockerd --tlsverify} serves it: a TLS port on
 * 127.0.0.1 that requires a client certificate signed by the given CA and forwards each accepted
 * connection to the Engine's unix socket. It remembers the request lines it forwarded and counts
 * the handshakes it refused, so a test can tell who came through it.
 */
public final class TlsDockerProxy implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("^(GET|POST|PUT|DELETE|HEAD) (\\S+) HTTP/1\\.1");

    private final Path socket;
    private final SSLServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public TlsDockerProxy(Path socket, String caPem, TlsCerts.Issued serverCert) {
        this.socket = socket;
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider()); // docker-java's PEM reader asks for it
        }
        try {
            KeyStore keys = CertificateUtils.createKeyStore(serverCert.key(), serverCert.cert());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "docker".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(CertificateUtils.createTrustStore(caPem));
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            server = (SSLServerSocket)
                    tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS proxy", e);
        }
        daemon("tls-proxy-accept", this::accept);
    }

    public String dockerHost() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** The paths of the requests forwarded so far (e.g. {@code /v1.45/containers/create}). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Connections whose TLS handshake failed (no or an untrusted client certificate). */
    public int refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                open.add(client);
                daemon("tls-proxy-conn", () -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        try {
            client.startHandshake();
        } catch (IOException e) {
            refused.incrementAndGet();
            close(client);
            return;
        }
        try {
            SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            daemon("tls-proxy-up", () -> up(client, fromClient, engine));
            down(client, engine, toClient);
        } catch (IOException e) {
            close(client);
        }
    }

    // the engine side is used as a channel: Channels' streams would make reads block writes
    private void up(SSLSocket client, InputStream in, SocketChannel engine) {
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                note(buf, n);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    engine.write(b);
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            end(client, engine);
        }
    }

    private void down(SSLSocket client, SocketChannel engine, OutputStream out) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            while (engine.read(b) > 0) {
                out.write(b.array(), 0, b.position());
                out.flush();
                b.clear();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            end(client, engine);
        }
    }

    /** Either direction ending ends the connection (TLS has no half-close here). */
    private void end(SSLSocket client, SocketChannel engine) {
        close(client);
        try {
            engine.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void note(byte[] buf, int n) {
        Matcher m = REQUEST.matcher(new String(buf, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1));
        if (m.find() && requests.size() < 10_000) {
            requests.add(m.group(2));
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(this::close);
    }
}
