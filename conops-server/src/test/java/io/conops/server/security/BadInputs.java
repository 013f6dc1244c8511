package io.conops.server.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile values for any text field: malformed, oversize, unicode, control characters, traversal
 * and shell or Git option injection. Every injection carries {@link #MARK}, so a process started
 * with one of them is recognisable by its command line, and a file it would make by its name.
 */
final class BadInputs {
    static final String MARK = "conopsbadinput";

    private BadInputs() {}

    static List<String> values() {
        List<String> v = new ArrayList<>(List.of(
                "",
                " ",
                "\t",
                "x".repeat(5_000),
                "a".repeat(70_000),
                "../../../../etc/passwd",
                "..\\..\\windows\\win.ini",
                "/etc/shadow",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e/%2e%2e/etc",
                "compose.yaml/../../../etc/passwd",
                "\u0000",
                "nul\u0000byte",
                "line\r\nX-Injected: " + MARK,
                "bell\u0007\u001b[31mred",
                "\u202Egnp.exe",
                "\uFEFFbom",
                "名前-日本語",
                "emoji-😀-🚀",
                "e\u0301\u0301\u0301\u0301",
                "\uD800",
                "$(touch /tmp/" + MARK + "-1)",
                "`touch /tmp/" + MARK + "-2`",
                "; touch /tmp/" + MARK + "-3",
                "| touch /tmp/" + MARK + "-4",
                "--upload-pack=touch /tmp/" + MARK + "-5",
                "-oProxyCommand=touch /tmp/" + MARK + "-6",
                "ext::sh -c touch% /tmp/" + MARK + "-7",
                "file:///etc/" + MARK,
                "ssh://-oProxyCommand=touch%20/tmp/" + MARK + "@host/x",
                "${HOME}/" + MARK,
                "<script>alert('" + MARK + "')</script>",
                "{{7*7}}[[${7*7}]]",
                "' OR '1'='1",
                "-1",
                "99999999999999999999999999",
                "1e309",
                "NaN",
                "0s",
                "-5m",
                "P9999999999D"));
        return v;
    }
}
