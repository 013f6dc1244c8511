package io.conops.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Talks HTTP to one ConOps server with one token. Answers come back as JSON trees so that {@code -o
 * json} can show exactly what the server said; every failure leaves as a {@link CtlException}.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter keeps a
 * selector thread waiting in native code, and the JVM's exit waits up to 300 ms for such threads,
 * longer than a whole {@code apps list} takes otherwise.
 */
final class ApiClient {
    static final String APPS = "/api/v1/apps/";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A delete waits for the server's lock on the app (up to its sync timeout, 5m by default) and
     * then for {@code compose down}, which waits for each container's stop grace period.
     */
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(15);

    private final URI server;
    private final String token;

    ApiClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /** The API path of one app; ids and names both fit, encoded so no input can change the path. */
    static String app(String idOrName) {
        return APPS + URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return post(path, body, REQUEST_TIMEOUT);
    }

    /** A POST the server may hold for a while ({@code sync?wait=}): the answer may take {@code answerWithin}. */
    JsonNode post(String path, Object body, Duration answerWithin) {
        byte[] bytes = body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8);
        return send("POST", path, bytes, answerWithin);
    }

    /**
     * HttpURLConnection refuses PATCH, so only this request goes through the JDK's HttpClient (its
     * slower exit does not matter for an update, which is not a command run in a loop).
     */
    JsonNode patch(String path, Object body) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "conops-ctl/" + ConopsCtl.version())
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        java.net.http.HttpResponse<String> response;
        try {
            response = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw unreachable(describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCodes.UNEXPECTED, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body().isBlank() ? MissingNode.getInstance() : Json.parse(response.body());
        }
        throw Problems.toException(status, response.body());
    }

    /** Copies a text/plain answer to {@code out} line by line as it arrives (no read timeout: -f waits). */
    void stream(String path, java.io.PrintWriter out) {
        HttpURLConnection c = open("GET", path);
        c.setReadTimeout(0);
        c.setRequestProperty("Accept", "text/plain, application/problem+json");
        try {
            int status = c.getResponseCode();
            if (status >= 300) {
                throw Problems.toException(status, read(c.getErrorStream()));
            }
            try (java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        continue; // the server's keep-alive while a followed service is quiet
                    }
                    out.println(line);
                    out.flush();
                }
            }
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            throw unreachable(describe(e), e);
        }
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, DELETE_TIMEOUT);
    }

    private JsonNode send(String method, String path, byte[] body) {
        return send(method, path, body, REQUEST_TIMEOUT);
    }

    private JsonNode send(String method, String path, byte[] body, Duration answerWithin) {
        HttpURLConnection c = open(method, path);
        c.setReadTimeout((int) answerWithin.toMillis());
        int status;
        String text;
        try {
            try {
                c.connect();
            } catch (SocketTimeoutException e) {
                throw unreachable("connection timed out after " + CONNECT_TIMEOUT.toSeconds() + "s", e);
            }
            if (body != null) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            status = c.getResponseCode();
            text = read(status >= 400 ? c.getErrorStream() : c.getInputStream());
        } catch (SocketTimeoutException e) {
            throw unreachable("no answer within " + answerWithin.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (UnknownHostException e) {
            throw unreachable("unknown host", e);
        } catch (IOException e) {
            throw unreachable(describe(e), e);
        }
        if (status >= 200 && status < 300) {
            return text.isBlank() ? MissingNode.getInstance() : Json.parse(text);
        }
        throw Problems.toException(status, text);
    }

    private HttpURLConnection open(String method, String path) {
        try {
            HttpURLConnection c =
                    (HttpURLConnection) server.resolve(path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestProperty("Accept", "application/json, application/problem+json");
            c.setRequestProperty("Authorization", "Bearer " + token);
            c.setRequestProperty("User-Agent", "conops-ctl/" + ConopsCtl.version());
            if (method.equals("POST")) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
            }
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CtlException unreachable(String why, Exception cause) {
        return new CtlException(ExitCodes.UNREACHABLE, "cannot reach ConOps at " + server + " (" + why + ")", cause);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
