package io.conops.server.bootstrap;

import tools.jackson.databind.node.ObjectNode;

/**
 * One app as declared outside the API: its fields as the API takes them (credentials read from
 * their {@code *_file}s already), and where it was declared, for the one line a bad entry gives.
 */
record DeclaredApp(String variable, String where, ObjectNode fields) {

    String name() {
        return fields.has("name") && fields.get("name").isString()
                ? fields.get("name").asString()
                : null;
    }

    @Override
    public String toString() {
        return "DeclaredApp[" + where + "]"; // the fields may hold credentials
    }
}
