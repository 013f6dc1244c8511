package io.conops.ctl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Talks HTTP to one ConOps server with one token. Answers come back as JSON trees so that {@code -o
 * json} can show exactly what the server said; every failure leaves as a {@link CtlException}.
 */
final class ApiClient {
    static final String APPS = "/api/v1/apps/";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI server;
    private final String token;

    ApiClient(URI server, String token) {
        this.server = server;
        this.token = token;
        // HTTP/1.1: a plain-http h2c upgrade attempt buys nothing here and confuses some proxies
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The API path of one app; ids and names both fit, encoded so no input can change the path. */
    static String app(String idOrName) {
        return APPS + URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "application/json").POST(publisher));
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "conops-ctl/" + ConopsCtl.version());
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("connection timed out after " + CONNECT_TIMEOUT.toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw unreachable(hasCause(e, UnresolvedAddressException.class) ? "unknown host" : "connection refused", e);
        } catch (IOException e) {
            throw unreachable(hasCause(e, UnknownHostException.class) ? "unknown host" : describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCodes.UNEXPECTED, "interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String body = response.body();
            return body == null || body.isBlank() ? MissingNode.getInstance() : Json.parse(body);
        }
        throw Problems.toException(status, response.body());
    }

    private CtlException unreachable(String why, Exception cause) {
        return new CtlException(ExitCodes.UNREACHABLE, "cannot reach ConOps at " + server + " (" + why + ")", cause);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
