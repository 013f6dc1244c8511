package io.conops.ctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in ConOps server on a free loopback port: answers canned JSON per method and path, and
 * records every request so tests can check what the CLI sent.
 */
final class FakeConops implements AutoCloseable {
    record Request(String method, String pathAndQuery, String authorization, String contentType, String body) {}

    record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeConops(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeConops start() {
        try {
            return new FakeConops(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method pathAndQuery} with these, one per request; the last one repeats. */
    FakeConops on(String method, String pathAndQuery, Answer... sequence) {
        answers.put(method + " " + pathAndQuery, new ArrayDeque<>(List.of(sequence)));
        return this;
    }

    static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    static Answer problem(int status, String body) {
        return new Answer(status, "application/problem+json", body);
    }

    static Answer empty(int status) {
        return new Answer(status, null, "");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request only(String method) {
        List<Request> matching =
                requests.stream().filter(r -> r.method().equals(method)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " request, got " + requests);
        }
        return matching.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                target,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body));
        Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + target);
        Answer answer = queue == null
                ? problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route in the fake\"}")
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
