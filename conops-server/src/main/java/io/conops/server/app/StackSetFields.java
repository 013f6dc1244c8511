package io.conops.server.app;

import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.StackSetRules;

/**
 * The stack-set fields of a registration or PATCH: {@code stacks_file} or {@code stacks_glob},
 * never both, and never beside a {@code compose_path} (a stack set's compose files are its
 * stacks'). An app stays what it was registered as: turning one with containers into a stack set,
 * or back, would strand what it runs.
 */
final class StackSetFields {
    private StackSetFields() {}

    static void apply(AppEntity a, AppPatch p, boolean creating) {
        boolean wasStackSet = a.isStackSet();
        if (p.stacksFile().isSetTo()) {
            StackSetRules.checkRepoPath("stacks_file", p.stacksFile().value());
        }
        if (p.stacksGlob().isSetTo()) {
            StackSetRules.checkGlob(p.stacksGlob().value());
        }
        if (p.stacksFile().given()) {
            a.setStacksFile(p.stacksFile().value());
        }
        if (p.stacksGlob().given()) {
            a.setStacksGlob(p.stacksGlob().value());
        }
        if (a.getStacksFile() != null && a.getStacksGlob() != null) {
            throw new InvalidSpecException("stacks_glob", "give stacks_file or stacks_glob, not both");
        }
        if (a.isStackSet() && p.composePath().given()) {
            throw new InvalidSpecException(
                    "compose_path", "is not used by a stack set: each stack's folder holds its compose file");
        }
        if (!creating && wasStackSet != a.isStackSet()) {
            throw new InvalidSpecException(
                    p.stacksFile().given() ? "stacks_file" : "stacks_glob",
                    "cannot turn an app into a stack set or back; register a new app instead");
        }
        if (a.getParent() != null && (p.stacksFile().isSetTo() || p.stacksGlob().isSetTo())) {
            throw new InvalidSpecException("stacks_file", "a stack of a stack set cannot be a stack set itself");
        }
    }
}
