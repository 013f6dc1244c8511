package io.conops.server.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A receiver that is down in the worst way: it takes every connection and never answers. */
final class BlackHole implements AutoCloseable {
    private final ServerSocket socket;
    final List<Socket> held = new CopyOnWriteArrayList<>();

    BlackHole() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** True while every connection it took is still open, unanswered. */
    boolean stillHanging() {
        return !held.isEmpty() && held.stream().noneMatch(Socket::isClosed);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
