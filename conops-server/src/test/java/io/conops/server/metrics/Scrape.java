package io.conops.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /actuator/prometheus, read as the text exposition format says: name{labels} value. */
record Scrape(String text) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The sum of the samples of that name whose labels include these (0 when there is none). */
    double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                have.put(l.group(1), l.group(2));
            }
            if (have.entrySet().containsAll(wanted.entrySet())) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** True when a sample of that name is exposed at all. */
    boolean has(String name) {
        return Pattern.compile("^" + Pattern.quote(name) + "[{ ]", Pattern.MULTILINE)
                .matcher(text)
                .find();
    }

    /** The {@code # TYPE} line of a metric family. */
    String type(String family) {
        Matcher m = Pattern.compile("^# TYPE " + Pattern.quote(family) + " (\\S+)", Pattern.MULTILINE)
                .matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
