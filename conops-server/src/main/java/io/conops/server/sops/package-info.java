/**
 * SOPS files in the repository, decrypted in-process with age identities (no sops binary): the
 * envelope format (dotenv, YAML, JSON), the data key through jagged, the values through AES-256-GCM
 * with the format's additional data, the MAC; and the plan that tells the apply which files a
 * service uses, so their decrypted copies can be handed to Compose and removed afterwards.
 */
package io.conops.server.sops;
