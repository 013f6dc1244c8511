package io.conops.core.port;

/** How to authenticate one Git operation. {@code toString} never shows a secret. */
public sealed interface GitCredentials {

    GitCredentials NONE = new None();

    record None() implements GitCredentials {}

    /** An SSH private key (OpenSSH or PEM text), held in memory only. */
    record DeployKey(String privateKey) implements GitCredentials {
        @Override
        public String toString() {
            return "DeployKey[***]";
        }
    }

    /** HTTPS basic auth: a token alone, or a username with a token or password. */
    record Token(String username, String token) implements GitCredentials {
        @Override
        public String toString() {
            return "Token[username=" + username + ", token=***]";
        }
    }
}
