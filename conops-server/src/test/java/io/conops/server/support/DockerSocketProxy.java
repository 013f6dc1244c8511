package io.conops.server.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port in front of the Docker socket that a test can cut and restore: to a client using it,
 * the Engine goes away (every connection drops, new ones are refused) and comes back, as in an
 * Engine restart, without restarting the Engine other tests share.
 */
public final class DockerSocketProxy implements AutoCloseable {
    private final Path socket;
    private final int port;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    public DockerSocketProxy(Path socket) {
        this.socket = socket;
        this.port = Docker.freePort();
        restore();
    }

    public String dockerHost() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The Engine "goes away". */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        for (SocketChannel c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    /** The Engine "is back". */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            Thread t = new Thread(() -> accept(s), "docker-proxy-accept");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void accept(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                open.add(client);
                open.add(engine);
                pump(client, engine);
                pump(engine, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(
                () -> {
                    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                    try {
                        while (from.read(buf) >= 0) {
                            buf.flip();
                            while (buf.hasRemaining()) {
                                to.write(buf);
                            }
                            buf.clear();
                        }
                    } catch (IOException ignored) {
                        // cut
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "docker-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
