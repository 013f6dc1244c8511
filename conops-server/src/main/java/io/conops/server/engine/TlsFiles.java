package io.conops.server.engine;

import io.conops.server.app.DockerTls;
import io.conops.server.system.Files2;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A tcp:// engine's TLS material as the Docker CLI and docker-java both read it: {@code ca.pem},
 * {@code cert.pem} and {@code key.pem}, each 0600, in a 0700 folder of the data directory (the
 * folder is DOCKER_CERT_PATH). Written when the engine comes into use, removed when the last app on
 * it is gone.
 */
final class TlsFiles implements AutoCloseable {
    private final Path dir;

    private TlsFiles(Path dir) {
        this.dir = dir;
    }

    static TlsFiles write(Path dir, DockerTls tls) {
        try {
            SecureFiles.createPrivateDirectories(dir);
            SecureFiles.ensurePrivateDirectory(dir);
            write(dir.resolve("ca.pem"), tls.ca());
            write(dir.resolve("cert.pem"), tls.cert());
            write(dir.resolve("key.pem"), tls.key());
            return new TlsFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS files of an engine into " + dir, e);
        }
    }

    private static void write(Path file, String pem) throws IOException {
        SecureFiles.writeAtomically(file, (pem.strip() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        Files2.deleteRecursively(dir);
    }
}
