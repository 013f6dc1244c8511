package io.conops.server.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spellings of one path that a server might route to the same handler while a naive check on the
 * raw request line sees something else: path parameters, percent-encoded letters, dots, doubled
 * and encoded slashes, backslashes, and detours through the open paths.
 */
final class PathVariants {
    private PathVariants() {}

    static Set<String> of(String path) {
        String[] seg = path.substring(1).split("/", -1);
        String first = seg[0];
        String rest = path.substring(1 + first.length()); // "" or "/..." (may end with "/")
        Set<String> v = new LinkedHashSet<>();
        v.add(path);
        v.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
        v.add("/" + first + ";" + rest);
        v.add("/" + first + ";x=1" + rest);
        v.add(path + ";");
        v.add(path + ";jsessionid=1");
        v.add("/" + encodeFirstLetter(first) + rest);
        v.add("/" + first.toUpperCase(Locale.ROOT) + rest);
        v.add(encodeLastLetter(path));
        v.add("/" + path);
        v.add("/" + first + "/" + rest);
        v.add("/./" + path.substring(1));
        v.add("/" + first + "/." + rest);
        v.add("/%2e/" + path.substring(1));
        v.add("/%2E/" + path.substring(1));
        v.add("/" + first + "/%2e%2e/" + path.substring(1));
        v.add("/" + first + "/x/.." + rest);
        v.add("/" + first + "/x/%2E%2E" + rest);
        v.add(path + (path.endsWith("/") ? "." : "/."));
        v.add(path + (path.endsWith("/") ? ".." : "/.."));
        v.add("/ui/.." + path);
        v.add("/ui/%2e%2e" + path);
        v.add("/actuator/health/../.." + path);
        v.add("/actuator/health/..%2F.." + path);
        v.add(path.replace("/", "%2F").replaceFirst("%2F", "/"));
        v.add(path.replace("/", "%2f").replaceFirst("%2f", "/"));
        v.add("/" + first + "\\" + rest.replaceFirst("^/", ""));
        v.add("/ui/..\\" + path.substring(1));
        v.add("/" + first + "%5C" + rest.replaceFirst("^/", ""));
        v.add("/" + first + "%00" + rest);
        v.add("/" + first + "%25" + rest);
        v.removeIf(String::isEmpty);
        return v;
    }

    /** The first letter of the segment as %xx, e.g. "api" to "%61pi". */
    private static String encodeFirstLetter(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isLetter(c)) {
                String hex = String.format("%%%02x", (int) c);
                return segment.substring(0, i) + hex + segment.substring(i + 1);
            }
        }
        return segment;
    }

    /** A letter of the last non-empty segment as %XX with upper-case hex where it has letters. */
    private static String encodeLastLetter(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int cut = trimmed.lastIndexOf('/') + 1;
        String tail = path.substring(cut);
        List<Integer> letters = new ArrayList<>();
        for (int i = 0; i < tail.length(); i++) {
            if (Character.isLetter(tail.charAt(i))) {
                letters.add(i);
            }
        }
        // prefer a letter whose hex code has a letter digit (j..o, z): upper-case hex is then visible
        int pick = letters.stream()
                .filter(i -> Integer.toHexString(tail.charAt(i)).matches(".*[a-f].*"))
                .findFirst()
                .orElse(letters.isEmpty() ? -1 : letters.get(0));
        if (pick < 0) {
            return path;
        }
        return path.substring(0, cut)
                + tail.substring(0, pick)
                + String.format("%%%02X", (int) tail.charAt(pick))
                + tail.substring(pick + 1);
    }
}
