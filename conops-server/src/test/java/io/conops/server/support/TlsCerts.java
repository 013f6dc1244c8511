package io.conops.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made in the test with the openssl CLI (EC P-256, valid two days), and
 * the certificates it issues: a server certificate for 127.0.0.1 and client certificates, as
 * Docker's "protect the daemon socket" guide makes them.
 */
public final class TlsCerts {
    /** A certificate with its private key, both PEM. */
    public record Issued(String cert, String key) {}

    private final Path dir;
    private final String name;

    private TlsCerts(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new authority in {@code dir}. */
    public static TlsCerts authority(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TlsCerts ca = new TlsCerts(dir, name);
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                name + "-ca.key",
                "-out",
                name + "-ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=" + name + "-ca",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /** The authority's own certificate (what a client or server that trusts it is given). */
    public String caPem() {
        return read(name + "-ca.pem");
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    public Issued server(String cn) {
        return issue(cn, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate. */
    public Issued client(String cn) {
        return issue(cn, "extendedKeyUsage=clientAuth\n");
    }

    private Issued issue(String cn, String extensions) {
        try {
            Files.writeString(dir.resolve(cn + ".ext"), "keyUsage=critical,digitalSignature\n" + extensions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        openssl(
                dir,
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                cn + ".key",
                "-out",
                cn + ".csr",
                "-subj",
                "/CN=" + cn);
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                cn + ".csr",
                "-CA",
                name + "-ca.pem",
                "-CAkey",
                name + "-ca.key",
                "-CAcreateserial",
                "-out",
                cn + ".pem",
                "-days",
                "2",
                "-extfile",
                cn + ".ext");
        return new Issued(read(cn + ".pem"), read(cn + ".key"));
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for the TLS tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
