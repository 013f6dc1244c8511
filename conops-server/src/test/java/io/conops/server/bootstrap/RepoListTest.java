package io.conops.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RepoListTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void nameComesFromTheRepositoryWhateverItsUrlForm() {
        assertThat(RepoList.nameOf("https://git.example.com/team/Infra.git")).isEqualTo("infra");
        assertThat(RepoList.nameOf("git@git.example.com:team/home_lab.git/")).isEqualTo("home_lab");
        assertThat(RepoList.nameOf("ssh://git@host:2222/x/My Stacks")).isEqualTo("my-stacks");
        assertThat(RepoList.nameOf("file:///srv/" + "r".repeat(60))).hasSize(40);
    }

    @Test
    void commasAndSemicolonsSeparateUrlsEachAStackSetWithStacksYaml() {
        List<DeclaredApp> apps =
                RepoList.read(" https://git.example.com/a/one.git ; https://git.example.com/a/two.git,,", json);
        assertThat(apps).extracting(DeclaredApp::name).containsExactly("one", "two");
        assertThat(apps.get(1).fields().get("stacks_file").asString()).isEqualTo("stacks.yaml");
        assertThat(apps.get(1).fields().get("repo_url").asString()).isEqualTo("https://git.example.com/a/two.git");
        assertThat(apps.get(1).where()).isEqualTo("entry 2 (https://git.example.com/a/two.git)");
    }

    @Test
    void aUrlWithoutANameIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> RepoList.read("https://git.example.com/a/ok.git;https://host/.git", json))
                .hasMessage("CONOPS_REPOS: entry 2 (https://host/.git): name: no app name can be made from this URL");
    }
}
