package io.conops.server.swarm;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.port.SwarmPort;
import io.conops.server.swarm.SecretsYaml.EnvSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The second {@code -c} file of a {@code stack deploy}, beside the repository's own compose file
 * (which {@code docker stack deploy} reads as it is, like DockerOps does):
 *
 * <ul>
 *   <li>ConOps' labels on each service ({@code deploy.labels}: the Swarm service, not its
 *       containers);
 *   <li>the app's {@code service_envs}, each service's as references to the deploy's environment;
 *   <li>every config and secret made from a repository file gets a name holding a digest of the
 *       file's content: Swarm configs and secrets cannot change, so a changed file becomes a new one
 *       and the services using it roll over to it;
 *   <li>the {@code secrets.yaml} entries: each secret is mounted and read into its variable by a
 *       small shell entrypoint in front of the service's own entrypoint and command.
 * </ul>
 */
public final class StackOverride {
    /** The prefix of the secrets {@code secrets.yaml} mounts, in the stack file and under /run/secrets. */
    static final String ENV_SECRET_PREFIX = "conops_env_";
    /** Swarm's limit on a config's or secret's name. */
    private static final int MAX_NAME = 64;

    /**
     * @param document the override, ready to be written as JSON (which {@code stack deploy} reads as YAML)
     * @param objectNames the configs and secrets it names: every other one of the stack is old
     */
    public record Result(Map<String, Object> document, Set<String> objectNames) {}

    private StackOverride() {}

    /**
     * @param model the model {@code docker compose config} rendered, its file paths under {@code renderedRoot}
     * @param worktreeRoot where the same commit is checked out for {@code stack deploy} to read
     * @param labels per service, the labels to stamp
     * @param serviceEnvs per service, the names of the app's {@code service_envs} it receives: each
     *     is set to {@code ${NAME}}, which {@code stack deploy} fills from its own environment, so the
     *     values are never written into this file
     * @param imageRun an image's own entrypoint and command, for services wrapped for secrets.yaml
     */
    @SuppressWarnings("unchecked")
    public static Result build(
            String stack,
            Map<String, Object> model,
            Path renderedRoot,
            Path worktreeRoot,
            Map<String, Map<String, String>> labels,
            List<EnvSecret> envSecrets,
            Map<String, Set<String>> serviceEnvs,
            Function<String, SwarmPort.ImageRun> imageRun) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (String kind : List.of("configs", "secrets")) {
            Map<String, Object> objects = new LinkedHashMap<>();
            if (model.get(kind) instanceof Map<?, ?> defined) {
                defined.forEach((key, def) -> {
                    if (def instanceof Map<?, ?> d && d.get("file") instanceof String file) {
                        Path source = worktreeRoot.resolve(renderedRoot.relativize(Path.of(file)));
                        String name = contentName(stack, (String) key, source);
                        names.add(name);
                        objects.put((String) key, Map.of("name", name, "file", source.toString()));
                    }
                });
            }
            if (!objects.isEmpty()) {
                doc.put(kind, objects);
            }
        }
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> modelServices =
                model.get("services") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        modelServices.forEach((service, def) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("deploy", Map.of("labels", labels.getOrDefault(service, Map.of())));
            Map<String, String> environment = new TreeMap<>();
            // merged into the service's own environment, which keeps the names it sets itself
            serviceEnvs.getOrDefault(service, Set.of()).forEach(name -> environment.put(name, "${" + name + "}"));
            if (!environment.isEmpty()) {
                s.put("environment", environment);
            }
            if (!envSecrets.isEmpty()) {
                wrapForSecrets(s, (Map<String, Object>) def, envSecrets, imageRun);
            }
            services.put(service, s);
        });
        doc.put("services", services);
        if (!envSecrets.isEmpty()) {
            Map<String, Object> secrets =
                    (Map<String, Object>) doc.computeIfAbsent("secrets", k -> new LinkedHashMap<String, Object>());
            for (EnvSecret e : envSecrets) {
                secrets.put(ENV_SECRET_PREFIX + e.env(), Map.of("external", true, "name", e.secret()));
            }
        }
        return new Result(doc, names);
    }

    /**
     * Mounts each secret as {@code /run/secrets/conops_env_VARIABLE} and starts the service through
     * {@code sh -c} that exports them and then execs what the service would have run. The Swarm
     * never lets a secret's value out of its store, so the container is the only place to read it.
     */
    private static void wrapForSecrets(
            Map<String, Object> s,
            Map<String, Object> def,
            List<EnvSecret> envSecrets,
            Function<String, SwarmPort.ImageRun> imageRun) {
        List<Object> mounts = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (EnvSecret e : envSecrets) {
            String file = ENV_SECRET_PREFIX + e.env();
            mounts.add(Map.of("source", file, "target", file));
            // $$ is a literal $ to the stack file's interpolation; names are checked identifiers
            script.append("export ")
                    .append(e.env())
                    .append("=\"$$(cat /run/secrets/")
                    .append(file)
                    .append(")\" && ");
        }
        script.append("exec \"$$@\"");
        s.put("secrets", mounts);
        s.put("entrypoint", List.of("/bin/sh", "-c", script.toString(), "conops-env"));
        s.put("command", original(def, imageRun));
    }

    /**
     * What the service would run: its own entrypoint (or the image's) and its own command (or the
     * image's, unless the service set an entrypoint, which clears it as in Compose). The model's
     * values are escaped for interpolation already ({@code $$}); the image's are escaped here.
     */
    @SuppressWarnings("unchecked")
    private static List<String> original(Map<String, Object> def, Function<String, SwarmPort.ImageRun> imageRun) {
        List<String> entrypoint = def.get("entrypoint") instanceof List<?> l ? (List<String>) l : null;
        List<String> command = def.get("command") instanceof List<?> l ? (List<String>) l : null;
        List<String> out = new ArrayList<>();
        SwarmPort.ImageRun image = entrypoint != null && command != null || !(def.get("image") instanceof String i)
                ? new SwarmPort.ImageRun(List.of(), List.of())
                : imageRun.apply(i);
        if (entrypoint != null) {
            out.addAll(entrypoint);
        } else {
            image.entrypoint().forEach(a -> out.add(a.replace("$", "$$")));
        }
        if (command != null) {
            out.addAll(command);
        } else if (entrypoint == null) {
            image.command().forEach(a -> out.add(a.replace("$", "$$")));
        }
        return out;
    }

    /** {@code STACK_KEY_DIGEST}, shortened at the front part to Swarm's 64 characters. */
    static String contentName(String stack, String key, Path file) {
        String digest = digest(file).substring(0, 12);
        String prefix = stack + "_" + key;
        if (prefix.length() > MAX_NAME - 13) {
            prefix = prefix.substring(0, MAX_NAME - 13);
        }
        return prefix + "_" + digest;
    }

    private static String digest(Path file) {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ConopsException(ConditionType.INVALID_COMPOSE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
