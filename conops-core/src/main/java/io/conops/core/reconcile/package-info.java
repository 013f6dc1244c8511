/** Compare desired with observed state: a pure function from both to a per-service decision. */
package io.conops.core.reconcile;
