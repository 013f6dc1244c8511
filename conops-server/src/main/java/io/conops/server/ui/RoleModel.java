package io.conops.server.ui;

import io.conops.server.access.Caller;
import io.conops.server.access.CurrentCaller;
import io.conops.server.access.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the logged-in token's role may do, for the pages to show only those buttons and links. The
 * security chain refuses the rest anyway; hiding them spares the user a 403.
 */
@ControllerAdvice(basePackageClasses = RoleModel.class)
class RoleModel {
    @ModelAttribute("mayChange")
    boolean mayChange() {
        return role().mayChangeApps();
    }

    @ModelAttribute("maySync")
    boolean maySync() {
        return role().maySync();
    }

    @ModelAttribute("caller")
    String caller() {
        return CurrentCaller.get().map(Caller::name).orElse("");
    }

    private static Role role() {
        return CurrentCaller.get().map(Caller::role).orElse(Role.VIEWER);
    }
}
