package io.conops.server.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import io.conops.server.system.DataDirectory;
import io.conops.server.system.InvalidSettingException;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Started in a container of the engine it drives, ConOps refuses to start unless its data directory
 * is the same directory for that engine at the same path: the engine resolves the bind mounts of
 * the apps' checkouts against its own file system, so a data directory mounted elsewhere (or not at
 * all) would deploy every app with empty or wrong mounts. It writes a marker there and asks the
 * engine to read it back through a throwaway container of ConOps' own image that binds the path.
 * Outside a container, or in one the engine does not know (another engine, a remote one), there is
 * nothing to compare and the check stays silent.
 */
@Component
class DataDirMountCheck {
    private static final Logger log = LoggerFactory.getLogger(DataDirMountCheck.class);
    static final String MARKER = ".mount-check";

    DataDirMountCheck(DockerEngine engine, DataDirectory dataDir) {
        check(engine.client(), dataDir.root(), OwnContainer.fromProc());
    }

    static void check(DockerClient docker, Path dataDir, OwnContainer self) {
        if (self.candidates().isEmpty()) {
            return;
        }
        InspectContainerResponse container = inspectSelf(docker, self);
        if (container == null) {
            return;
        }
        if (!visibleAtSamePath(docker, container, dataDir)) {
            throw new InvalidSettingException(
                    "CONOPS_DATA_DIR",
                    dataDir + " is not the same directory for the Docker Engine: mount it at the same path"
                            + " inside and outside the container (-v " + dataDir + ":" + dataDir
                            + ", as deploy/compose.yaml does)");
        }
        log.info("The data directory {} is the same directory for the Docker Engine", dataDir);
    }

    private static InspectContainerResponse inspectSelf(DockerClient docker, OwnContainer self) {
        for (String id : self.candidates()) {
            try {
                return docker.inspectContainerCmd(id).exec();
            } catch (NotFoundException e) {
                // not this one: a hostname set by hand, or a container of another engine
            } catch (RuntimeException e) {
                log.warn("Cannot ask the Docker Engine whether it sees the data directory ({})", e.getMessage());
                return null;
            }
        }
        return null;
    }

    private static boolean visibleAtSamePath(DockerClient docker, InspectContainerResponse self, Path dataDir) {
        Path marker = dataDir.resolve(MARKER);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String expected = HexFormat.of().formatHex(random);
        String id = null;
        try {
            SecureFiles.writeAtomically(marker, expected.getBytes(StandardCharsets.UTF_8));
            // a bind mount (not -v) fails when the path does not exist for the engine, and so
            // creates nothing on the host
            id = docker.createContainerCmd(self.getImageId())
                    .withName("conops-mount-check-" + expected.substring(0, 12))
                    .withLabels(Map.of("conops.mount-check", "true"))
                    .withUser(self.getConfig().getUser())
                    .withEntrypoint("cat")
                    .withCmd(marker.toString())
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode("none")
                            .withMounts(List.of(new Mount()
                                    .withType(MountType.BIND)
                                    .withSource(dataDir.toString())
                                    .withTarget(dataDir.toString())
                                    .withReadOnly(true))))
                    .exec()
                    .getId();
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            return expected.equals(output(docker, id).trim());
        } catch (DockerException e) {
            log.debug("The mount check's container failed: {}", e.getMessage());
            return false;
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", "cannot write " + marker + ": " + e.getMessage());
        } finally {
            if (id != null) {
                remove(docker, id);
            }
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                log.debug("Cannot remove {}: {}", marker, e.getMessage());
            }
        }
    }

    private static String output(DockerClient docker, String id) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    private static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            log.warn("Cannot remove the mount check's container {}: {}", id, e.getMessage());
        }
    }
}
