package io.conops.server.git;

import io.conops.server.support.SshKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A Git-over-SSH server for tests: Apache MINA SSHD on 127.0.0.1 serving {@code git-upload-pack}
 * with JGit's UploadPack, public-key authentication only, repositories under one directory.
 * (JGit's own test server, org.eclipse.jgit.junit.ssh, is not published for this JGit version.)
 */
final class TestSshGitServer implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();

    private TestSshGitServer(Path reposRoot, int port, KeyPair hostKey) throws IOException {
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator(
                (user, key, session) -> authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(reposRoot, command));
        server.start();
    }

    /** Starts on a free port (0) or the given one. */
    static TestSshGitServer start(Path reposRoot, int port) throws IOException {
        return new TestSshGitServer(reposRoot, port, SshKeys.ed25519());
    }

    TestSshGitServer authorize(KeyPair key) {
        authorized.add(key.getPublic());
        return this;
    }

    int port() {
        return server.getPort();
    }

    KeyPair hostKey() {
        return hostKey;
    }

    /** The known_hosts line that trusts this server. */
    String knownHostsLine() {
        return new SshHost("127.0.0.1", port()).pattern() + " " + SshKeys.publicLine(hostKey) + "\n";
    }

    String url(String repoPath) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repoPath;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs {@code git-upload-pack '/path'} against a repository under the root; anything else fails. */
    private static final class UploadPackCommand implements Command {
        private final Path reposRoot;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path reposRoot, String command) {
            this.reposRoot = reposRoot;
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            String protocol = env.getEnv().get("GIT_PROTOCOL");
            Thread worker = new Thread(() -> serve(protocol), "test-upload-pack");
            worker.setDaemon(true);
            worker.start();
        }

        private void serve(String protocol) {
            String prefix = "git-upload-pack ";
            if (!command.startsWith(prefix)) {
                fail("unsupported command");
                return;
            }
            String path = command.substring(prefix.length()).replace("'", "").replaceFirst("^/", "");
            Path dir = reposRoot.resolve(path).normalize();
            if (!dir.startsWith(reposRoot) || !Files.isDirectory(dir)) {
                fail("'" + path + "' does not appear to be a git repository");
                return;
            }
            try (Repository repo = new FileRepositoryBuilder()
                    .setGitDir(dir.toFile())
                    .setMustExist(true)
                    .build()) {
                UploadPack pack = new UploadPack(repo);
                if (protocol != null) {
                    pack.setExtraParameters(List.of(protocol.split(":")));
                }
                pack.upload(in, out, err);
                out.flush();
                exit.onExit(0);
            } catch (Exception e) {
                fail(e.toString());
            }
        }

        private void fail(String message) {
            try {
                err.write(("fatal: " + message + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the client is gone; nothing to tell it
            }
            exit.onExit(128, message);
        }

        @Override
        public void destroy(ChannelSession channel) {}

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }
    }
}
