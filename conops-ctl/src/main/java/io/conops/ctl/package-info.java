/**
 * {@code conops-ctl}: a command-line client of the ConOps REST API. One class per subcommand,
 * options shared through {@link io.conops.ctl.GlobalOptions}, HTTP in {@link io.conops.ctl.ApiClient},
 * and every failure turned into one stderr line and an exit code from {@link io.conops.ctl.ExitCodes}.
 */
package io.conops.ctl;
