package io.conops.server.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This installation's host name, CONOPS_HOST_NAME (default: the machine's host name): it picks the
 * per-host overlay {@code hosts/<host name>/} and the homelab-gitops folder {@code gitops/<host name>/}.
 * It becomes one folder name in a path, so it must be one: no separators, no {@code ..}.
 */
@ConfigurationProperties("conops")
public record HostProperties(String hostName) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,252}");

    public HostProperties {
        hostName = hostName == null || hostName.isBlank() ? machineHostName() : hostName.trim();
        if (!SAFE.matcher(hostName).matches()) {
            throw new InvalidSettingException(
                    "CONOPS_HOST_NAME",
                    "must be a host name of letters, digits, '.', '_' and '-' (it names a folder in the repository)");
        }
    }

    /** The kernel's name for the machine, as HOSTNAME or hostname(1) would say. */
    static String machineHostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            // Linux: the kernel's own name, without a DNS look-up
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
                    .trim();
        } catch (java.io.IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException u) {
                return "localhost";
            }
        }
    }
}
