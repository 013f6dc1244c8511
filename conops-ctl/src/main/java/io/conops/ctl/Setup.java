package io.conops.ctl;

import java.io.Console;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI takes from the process around it. Tests pass their own, so they neither depend on
 * the developer's CONOPS_* variables, the clock, or whether a terminal is attached.
 *
 * @param env environment variables (CONOPS_SERVER, CONOPS_TOKEN, NO_COLOR)
 * @param confirm asks the user a yes/no question before something destructive
 * @param clock what "now" is for relative times ("3m ago")
 * @param terminal which of stdout and stderr are terminals (colour on one, progress on the other)
 */
record Setup(Map<String, String> env, Confirm confirm, Clock clock, Terminal terminal) {

    /** Asks a yes/no question; throws a usage error when there is nobody to ask. */
    @FunctionalInterface
    interface Confirm {
        boolean ask(String question);
    }

    /**
     * Whether stdout and stderr are terminals. The launcher script knows ({@code [ -t 1 ]}) and says
     * so in {@value #PROPERTY}; the JDK cannot tell them apart before Java 22.
     */
    record Terminal(boolean out, boolean err) {
        static final String PROPERTY = "conops.ctl.tty";
        static final Terminal NONE = new Terminal(false, false);

        static Terminal detect() {
            String told = System.getProperty(PROPERTY);
            if (told != null) {
                return new Terminal(told.contains("out"), told.contains("err"));
            }
            boolean console = consoleIsTerminal();
            return new Terminal(console, console);
        }

        private static boolean consoleIsTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                // Java 22+ has a console even when redirected, and says whether it is a terminal
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (NoSuchMethodException e) {
                return true; // before Java 22 there is a console only when stdin and stdout are terminals
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }

    static Setup system() {
        return new Setup(System.getenv(), Setup::askOnConsole, Clock.systemUTC(), Terminal.detect());
    }

    /** Colour is for people at a terminal, and never for those who set NO_COLOR (no-color.org). */
    boolean colour() {
        String noColor = env.get("NO_COLOR");
        return terminal.out() && (noColor == null || noColor.isEmpty());
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
