package io.conops.server.engine;

import io.conops.server.system.DataDirectory;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ssh -N -L} processes of the SSH engines, recorded in the data directory (pid and exact
 * command line) while they run, so that the next start-up after a crash ends those the dead server
 * left behind. A recorded pid is ended only while {@code /proc/<pid>/cmdline} is still exactly the
 * recorded command: after a reboot or a wrapped pid counter it belongs to something else, which
 * is left alone. Linux offers no portable way from Java 17 to make the child die with its parent
 * ({@code PR_SET_PDEATHSIG} needs native code), hence the record.
 */
@Component
class SshForwards {
    static final String FILE = "ssh-forwards.json";

    private static final Logger log = LoggerFactory.getLogger(SshForwards.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long WAIT_SECONDS = 5;

    /** One recorded forward. */
    record Forward(long pid, List<String> command) {}

    private final Path file;
    private final Map<Long, List<String>> running = new TreeMap<>();

    @Autowired
    SshForwards(DataDirectory dataDir) {
        this(dataDir.root().resolve("engines").resolve(FILE));
        endLeftOver();
    }

    /** Records into {@code file} without looking at what an earlier process left there. */
    SshForwards(Path file) {
        this.file = file;
    }

    synchronized void started(long pid, List<String> command) {
        running.put(pid, List.copyOf(command));
        save();
    }

    synchronized void stopped(long pid) {
        if (running.remove(pid) != null) {
            save();
        }
    }

    /** Ends the recorded forwards still running as recorded, then forgets the record. */
    synchronized void endLeftOver() {
        if (!Files.exists(file)) {
            return;
        }
        for (Forward f : read()) {
            ProcessHandle.of(f.pid())
                    .filter(p -> matches(f.command(), cmdline(f.pid())))
                    .ifPresent(this::end);
        }
        save();
    }

    /**
     * Whether a process's {@code /proc/<pid>/cmdline} (arguments each ended by a NUL) is exactly the
     * recorded command; an unreadable or empty one (a zombie, a kernel thread) never is.
     */
    static boolean matches(List<String> recorded, byte[] cmdline) {
        if (recorded == null || recorded.isEmpty() || cmdline == null || cmdline.length == 0) {
            return false;
        }
        String text = new String(cmdline, StandardCharsets.UTF_8);
        if (!text.endsWith("\0")) {
            return false; // cut short or rewritten by the process: not the command we started
        }
        List<String> args = Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
        return args.equals(recorded);
    }

    private static byte[] cmdline(long pid) {
        try {
            return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return null; // gone, or not ours to read: not ended
        }
    }

    private void end(ProcessHandle p) {
        log.info("ending ssh forward left running by an earlier ConOps (pid {})", p.pid());
        p.destroy();
        try {
            p.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Forward> read() {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Forward>>() {});
        } catch (JacksonException e) {
            log.warn("ignoring {}: {}", file, e.getOriginalMessage());
            return List.of();
        }
    }

    private void save() {
        List<Forward> list = new ArrayList<>();
        running.forEach((pid, command) -> list.add(new Forward(pid, command)));
        try {
            if (list.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            SecureFiles.createPrivateDirectories(file.getParent());
            SecureFiles.writeAtomically(file, JSON.writeValueAsBytes(list));
        } catch (IOException e) {
            // the forward itself works; only a crash would then leave it running
            log.warn("cannot record the ssh forwards in {}: {}", file, e.getMessage());
        }
    }
}
