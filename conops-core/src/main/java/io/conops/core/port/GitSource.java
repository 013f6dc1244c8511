package io.conops.core.port;

/** Where an app's desired state comes from: a repository and branch, with its credentials. */
public record GitSource(String appKey, String url, String branch, GitCredentials credentials) {}
