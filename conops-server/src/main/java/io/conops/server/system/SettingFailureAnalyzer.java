package io.conops.server.system;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a bad setting into one line naming the environment variable, instead of a bind stack
 * trace: {@code CONOPS_SYNC_TIMEOUT: 'abc' is not a valid duration}.
 */
public class SettingFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException e) {
                return analysis(e.getMessage(), e.variable());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException e) {
                String property = e.getProperty() != null
                        ? e.getProperty().getName().toString()
                        : e.getName().toString();
                String variable = toVariable(property);
                Object value = e.getProperty() != null ? e.getProperty().getValue() : null;
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                if (root instanceof InvalidSettingException ise) {
                    return analysis(ise.getMessage(), ise.variable());
                }
                String line = variable + ": '" + value + "' is not a valid value"
                        + (property.endsWith("interval") || property.endsWith("timeout") || property.endsWith("backoff")
                                ? " (use a duration such as 30s or 5m)"
                                : "");
                return analysis(line, variable);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(String line, String variable) {
        return new FailureAnalysis(line, "Fix or unset " + variable + " and start ConOps again.", null);
    }

    /** conops.sync-timeout → CONOPS_SYNC_TIMEOUT. */
    static String toVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
