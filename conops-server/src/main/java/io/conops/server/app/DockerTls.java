package io.conops.server.app;

/**
 * What ConOps needs to speak mutual TLS to a tcp:// engine, each PEM text: the CA that signed the
 * engine's certificate, the client certificate the engine trusts, and its private key. A secret as
 * a whole: stored encrypted, never shown.
 */
public record DockerTls(String ca, String cert, String key) {
    @Override
    public String toString() {
        return "DockerTls[***]";
    }
}
