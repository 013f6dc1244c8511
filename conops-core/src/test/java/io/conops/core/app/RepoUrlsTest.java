package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoUrlsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/team/shop.git",
                "https://github.com/team/shop",
                "https://github.com/team/shop/",
                "https://github.com/team/shop.git/",
                "https://GitHub.COM/team/shop.git",
                "https://github.com:443/team/shop.git",
                "http://github.com/team/shop",
                "https://deployer@github.com/team/shop.git",
                "https://github.com//team//shop.git",
                "ssh://git@github.com/team/shop.git",
                "ssh://git@github.com:22/team/shop",
                "git+ssh://git@github.com/team/shop.git",
                "git@github.com:team/shop.git",
                "git@GITHUB.com:team/shop",
                "github.com:team/shop.git",
                "git://github.com/team/shop.git",
                "  https://github.com/team/shop.git  "
            })
    void everySpellingOfOneRepositoryHasTheSameKey(String url) {
        assertThat(RepoUrls.key(url)).hasValue("github.com/team/shop");
        assertThat(RepoUrls.same(url, "git@github.com:team/shop.git")).isTrue();
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource({
        "https://github.com/team/shop, https://github.com/team/Shop",
        "https://github.com/team/shop, https://github.com/team/shop2",
        "https://github.com/team/shop, https://gitlab.com/team/shop",
        "https://github.com/team/shop, https://github.com/team/shop/sub",
        "https://github.com/team/shop, https://github.com:8443/team/shop",
        "https://github.com/team/shop, ssh://git@github.com:2222/team/shop",
        "https://github.com/team/shop, https://github.com/other/shop",
        "file:///srv/git/shop.git, https://srv/git/shop.git"
    })
    void differentRepositoriesDiffer(String a, String b) {
        assertThat(RepoUrls.same(a, b)).isFalse();
        assertThat(RepoUrls.same(b, a)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh://git@gitea.local:2222/team/shop.git", "ssh://git@Gitea.Local:2222/team/shop/"})
    void aNonDefaultPortIsPartOfTheKey(String url) {
        assertThat(RepoUrls.key(url)).hasValue("gitea.local:2222/team/shop");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///srv/git/shop.git",
                "file:///srv/git/shop.git/",
                "file:/srv/git/shop",
                "/srv/git/shop.git"
            })
    void localRepositoriesCompareByPath(String url) {
        assertThat(RepoUrls.key(url)).hasValue("file:/srv/git/shop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]:team/shop.git", "ssh://git@[::1]:22/team/shop", "https://[::1]/team/shop"})
    void ipv6HostsKeepTheirBrackets(String url) {
        assertThat(RepoUrls.key(url)).hasValue("[::1]/team/shop");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "https://",
                "https://github.com",
                "https://github.com/",
                "not a url",
                "git@github.com:"
            })
    void urlsThatNameNoRepositoryMatchNothing(String url) {
        assertThat(RepoUrls.key(url)).isEmpty();
        assertThat(RepoUrls.same(url, url)).isFalse();
    }

    @Test
    void nullMatchesNothing() {
        assertThat(RepoUrls.key(null)).isEmpty();
        assertThat(RepoUrls.same(null, null)).isFalse();
    }
}
