package io.conops.server.app;

import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.Layout;
import io.conops.core.app.SpecRules;

/** The fields that change how a commit is rendered: overlay_dir, layout and allow_pre_scripts. */
final class RenderFields {
    private RenderFields() {}

    /** @return true when the rendered desired state may have changed */
    static boolean apply(AppEntity a, AppPatch p) {
        if (Boolean.TRUE.equals(p.allowPreScripts().value())) {
            // running a repository's script as root is a decision of its own; not offered yet
            throw new InvalidSpecException(
                    "allow_pre_scripts",
                    "is not supported yet: ConOps never runs a homelab-gitops pre.script; "
                            + "do that setup outside ConOps (or leave allow_pre_scripts false)");
        }
        boolean changed = false;
        if (p.overlayDir().given()) {
            String dir = p.overlayDir().value();
            SpecRules.checkOverlayDir(dir);
            dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            changed = !dir.equals(a.getOverlayDir());
            a.setOverlayDir(dir);
        }
        if (p.layout().given()) {
            Layout layout = layout(p.layout().value());
            changed |= layout != a.getLayout();
            a.setLayout(layout);
        }
        return changed;
    }

    private static Layout layout(String wire) {
        try {
            return Layout.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("layout", e.getMessage());
        }
    }
}
