package io.conops.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code apps logs NAME [SERVICE] [-f] [--tail N]}: the server's {@code GET .../logs} as it streams
 * it, lines {@code <service> | <line>}, copied to stdout as they arrive.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print an app's container logs, and with -f follow them.")
final class AppsLogs implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
    private String service;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until interrupted.")
    private boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Start with the last N lines of each service.")
    private Integer tail;

    @Override
    public Integer call() {
        if (tail != null && tail < 0) {
            throw new CtlException(ExitCodes.USAGE, "--tail must be 0 or more");
        }
        global.client().stream(path(name, service, tail, follow), global.out());
        return ExitCodes.OK;
    }

    static String path(String name, String service, Integer tail, boolean follow) {
        StringBuilder q =
                new StringBuilder(ApiClient.app(name)).append("/logs?follow=").append(follow);
        if (service != null) {
            q.append("&service=").append(java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (tail != null) {
            q.append("&tail=").append(tail);
        }
        return q.toString();
    }
}
