package io.conops.server.bootstrap;

import io.conops.server.system.InvalidSettingException;

/** A declared app that cannot be applied: one line naming the setting, the entry and the field. */
final class DeclarationException extends InvalidSettingException {
    DeclarationException(String variable, String where, String field, String problem) {
        super(variable, where + (field == null ? "" : ": " + field) + ": " + problem);
    }
}
