package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import org.junit.jupiter.api.Test;

class StoreNamesTest {
    private static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    private final StoreNames names = new StoreNames(TestStoreKeys.hmac());

    private String name(String url, String branch, GitCredentials credentials) {
        return names.of(new GitSource("app", url, branch, credentials));
    }

    private String name(String url, GitCredentials credentials) {
        return name(url, "main", credentials);
    }

    @Test
    void spellingsOfOneRepositoryShareAStore() {
        String https = name("https://github.com/team/shop.git", GitCredentials.NONE);

        assertThat(name("https://GitHub.com/team/shop", GitCredentials.NONE)).isEqualTo(https);
        assertThat(name("https://github.com:443/team/shop/", GitCredentials.NONE))
                .isEqualTo(https);
        assertThat(name("file:///srv/git/shop.git", GitCredentials.NONE))
                .isEqualTo(name("file:///srv/git//shop.git/", GitCredentials.NONE));
    }

    @Test
    void theBranchDoesNotCountAndTheAppNeither() {
        assertThat(name("https://github.com/team/shop", "release", GitCredentials.NONE))
                .isEqualTo(name("https://github.com/team/shop", "main", GitCredentials.NONE));
        assertThat(names.of(new GitSource("other", "https://github.com/team/shop", "main", GitCredentials.NONE)))
                .isEqualTo(name("https://github.com/team/shop", GitCredentials.NONE));
        assertThat(name("https://github.com/team/shop", null))
                .isEqualTo(name("https://github.com/team/shop", GitCredentials.NONE));
    }

    @Test
    void otherRepositoriesGetOtherStores() {
        assertThat(name("https://github.com/team/shop", GitCredentials.NONE))
                .isNotEqualTo(name("https://github.com/team/blog", GitCredentials.NONE))
                .isNotEqualTo(name("https://gitlab.com/team/shop", GitCredentials.NONE))
                .isNotEqualTo(name("https://github.com/Team/shop", GitCredentials.NONE));
    }

    @Test
    void otherCredentialsGetOtherStores() {
        String url = "https://github.com/team/shop";
        String none = name(url, GitCredentials.NONE);
        String token = name(url, new GitCredentials.Token(null, "tok-1"));

        assertThat(token).isNotEqualTo(none);
        assertThat(name(url, new GitCredentials.Token(null, "tok-2"))).isNotEqualTo(token);
        assertThat(name(url, new GitCredentials.Token("bob", "tok-1"))).isNotEqualTo(token);
        assertThat(name(url, new GitCredentials.Token(null, "tok-1"))).isEqualTo(token);
        assertThat(name("git@github.com:team/shop.git", new GitCredentials.DeployKey(KEY)))
                .isNotEqualTo(name("git@github.com:team/shop.git", GitCredentials.NONE))
                .isEqualTo(name("ssh://git@github.com/team/shop", new GitCredentials.DeployKey(KEY)));
        // a login in the URL is a way in of its own
        assertThat(name("https://alice:pw@github.com/team/shop", GitCredentials.NONE))
                .isNotEqualTo(none)
                .isNotEqualTo(name("https://bob:pw@github.com/team/shop", GitCredentials.NONE));
    }

    @Test
    void theNameIsASafeReadableFolderWithNoSecretInIt() {
        String token = name("https://github.com/team/shop", new GitCredentials.Token("ci", "tok-secret-1"));
        String key = name("ssh://git@host.example/../../etc", new GitCredentials.DeployKey(KEY));

        assertThat(token).startsWith("github.com-team-shop--").endsWith(".git").doesNotContain("tok-secret");
        assertThat(key).doesNotContain("/").doesNotContain("OPENSSH").doesNotStartWith(".");
        assertThat(token).matches(StoreNames.NAME);
        assertThat(key).matches(StoreNames.NAME);
        assertThat(name("https://h/" + "x".repeat(300), GitCredentials.NONE)).matches(StoreNames.NAME);
        assertThat(name("not a url", GitCredentials.NONE)).matches(StoreNames.NAME);
    }

    @Test
    void anotherInstallationKeyGivesOtherNames() {
        StoreNames other = new StoreNames(TestStoreKeys.hmac("another installation"));
        GitSource source = new GitSource("app", "https://github.com/team/shop", "main", GitCredentials.NONE);

        assertThat(other.of(source)).isNotEqualTo(names.of(source));
    }
}
