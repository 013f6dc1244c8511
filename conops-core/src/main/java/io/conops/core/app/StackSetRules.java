package io.conops.core.app;

import java.util.regex.Pattern;

/**
 * The rules of a stack set: an app whose repository holds many stacks, listed by a stacks file
 * (DockerOps' {@code stacks.yaml}) or found by a glob over compose files. Each stack becomes a
 * child app named {@code <parent>-<stack>}, which must itself be a valid app name.
 */
public final class StackSetRules {
    /** A stack's name: what DockerOps allows that is also a Compose project name suffix. */
    private static final Pattern STACK_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

    /** The compose files a stack folder may hold, in the order Compose itself prefers them. */
    public static final java.util.List<String> COMPOSE_FILES =
            java.util.List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    private StackSetRules() {}

    /** A relative path inside the repository, as for compose_path, reported under {@code field}. */
    public static void checkRepoPath(String field, String path) {
        try {
            SpecRules.checkComposePath(path);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(field, e.reason());
        }
    }

    /** A glob of compose files: a repository path with at least one wildcard, ending in a YAML file. */
    public static void checkGlob(String glob) {
        checkRepoPath("stacks_glob", glob);
        if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
            throw new InvalidSpecException("stacks_glob", "must contain a wildcard, e.g. stacks/*/compose.yaml");
        }
        if (!glob.endsWith(".yaml") && !glob.endsWith(".yml")) {
            throw new InvalidSpecException("stacks_glob", "must match compose files (ending in .yaml or .yml)");
        }
    }

    /**
     * The child app's name for a stack; the message names the stack, as the stacks file or glob
     * does, since that is where the user must fix it.
     */
    public static String childName(String parent, String stack) {
        if (stack == null || !STACK_NAME.matcher(stack).matches()) {
            throw new InvalidSpecException(
                    "stacks",
                    "stack '" + stack + "' is not a valid stack name: lowercase letters, digits, '-' and '_',"
                            + " starting with a letter or digit");
        }
        String child = parent + "-" + stack;
        if (child.length() > 63) {
            throw new InvalidSpecException(
                    "stacks", "stack '" + stack + "' makes the app name '" + child + "', longer than 63 characters");
        }
        return child;
    }
}
