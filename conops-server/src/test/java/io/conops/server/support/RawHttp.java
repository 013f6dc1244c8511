package io.conops.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket: the request target goes out byte for byte, with no client on the
 * way to normalise, re-encode or refuse it.
 */
public final class RawHttp {
    private RawHttp() {}

    public record Response(int status, String head, String body) {
        public Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim())
                    .findFirst();
        }
    }

    /** token and body may be null; a body is sent as JSON. */
    public static Response send(int port, String method, String target, String token, String body) {
        return send(null, port, method, target, token, body);
    }

    /**
     * From the given local address (e.g. 127.0.0.2: all of 127/8 is loopback on Linux), as a client
     * on another host would; null for the default.
     */
    public static Response send(InetAddress from, int port, String method, String target, String token, String body) {
        StringBuilder req = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nConnection: close\r\n");
        if (token != null) {
            req.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            req.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(payload.length)
                    .append("\r\n");
        }
        req.append("\r\n");
        try (Socket socket = from == null
                ? new Socket("127.0.0.1", port)
                : new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(payload);
                out.flush();
            } catch (SocketException e) {
                // the server may answer (413, 400) and close before taking the whole body: read that answer
            }
            return parse(readAll(socket.getInputStream()), method + " " + target);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + ": " + e, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // a reset after the answer was sent: keep what arrived
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static Response parse(String raw, String what) {
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException(what + ": no HTTP answer: " + raw);
        }
        int status = Integer.parseInt(raw.substring(9, 12));
        return new Response(status, raw.substring(0, end), raw.substring(end + 4));
    }
}
