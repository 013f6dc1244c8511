package io.conops.core.reconcile;

import io.conops.core.app.ConditionType;
import java.util.Objects;

/**
 * What the server found out before asking the policy: the branch head (or why it could not be
 * resolved, or that nobody asked), and the app's containers (or that the Engine could not be asked).
 */
public record Observation(Git git, Engine engine) {

    public static final Observation NOTHING = new Observation(new Git.NotAsked(), new Engine.NotAsked());

    public Observation {
        Objects.requireNonNull(git, "git");
        Objects.requireNonNull(engine, "engine");
    }

    public static Observation head(String sha) {
        return new Observation(new Git.Head(sha), new Engine.NotAsked());
    }

    public static Observation gitFailed(ConditionType type, String message) {
        return new Observation(new Git.Failed(type, message), new Engine.NotAsked());
    }

    public static Observation engine(Decision decision) {
        return new Observation(new Git.NotAsked(), new Engine.Seen(decision));
    }

    public static Observation engineUnreachable(String message) {
        return new Observation(new Git.NotAsked(), new Engine.Unreachable(message));
    }

    /** The branch head on the remote. */
    public sealed interface Git {
        record Head(String sha) implements Git {
            public Head {
                Objects.requireNonNull(sha, "sha");
            }
        }

        record Failed(ConditionType type, String message) implements Git {}

        record NotAsked() implements Git {}
    }

    /** The app's containers, compared with what its last successful deployment wants. */
    public sealed interface Engine {
        record Seen(Decision decision) implements Engine {}

        record Unreachable(String message) implements Engine {}

        record NotAsked() implements Engine {}
    }
}
