package io.conops.ctl;

import java.io.Console;
import java.time.Duration;
import java.util.Map;

/**
 * What the CLI takes from the process around it. Tests pass their own, so they neither depend on
 * the developer's CONOPS_* variables nor sleep a real second between polls or wait for a terminal.
 *
 * @param env environment variables (CONOPS_SERVER, CONOPS_TOKEN)
 * @param pollEvery pause between two looks at an app while {@code sync --wait} waits
 * @param confirm asks the user a yes/no question before something destructive
 */
record Setup(Map<String, String> env, Duration pollEvery, Confirm confirm) {

    /** Asks a yes/no question; throws a usage error when there is nobody to ask. */
    @FunctionalInterface
    interface Confirm {
        boolean ask(String question);
    }

    static Setup system() {
        return new Setup(System.getenv(), Duration.ofSeconds(1), Setup::askOnConsole);
    }

    private static boolean askOnConsole(String question) {
        Console console = System.console();
        if (console == null) {
            // piped or scripted: guessing "yes" would destroy things, guessing "no" would hide why
            throw new CtlException(ExitCodes.USAGE, "no terminal to confirm on: pass --yes to " + question);
        }
        String answer = console.readLine("Really %s? [y/N] ", question);
        return answer != null
                && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
