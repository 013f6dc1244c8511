package io.conops.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.conops.server.compose.ComposeCli;
import io.conops.server.compose.DockerEngine;
import io.conops.server.compose.EngineEvents;
import io.conops.server.git.JGitAdapter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape the build keeps: core decides and depends on no framework or adapter library; the
 * server's feature packages depend on each other in one direction only, and the loop reaches the
 * Engine and Git through core's ports, not through the adapters' classes.
 */
class ArchitectureTest {
    /** A class file whose own name has "__": what Spring's ahead-of-time processing generates. */
    static final Pattern GENERATED = Pattern.compile(".*/[^/]*__[^/]*\\.class$");

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // not the bean registrations Spring's ahead-of-time processing generates at package
                // time (Foo__BeanDefinitions): they wire the same classes, and only some builds have them
                .withImportOption(location -> !location.matches(GENERATED))
                .importPackages("io.conops.core", "io.conops.server");
    }

    @Test
    void coreImportsNoSpringJGitDockerJavaOrProcesses() {
        noClasses()
                .that()
                .resideInAPackage("io.conops.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.eclipse.jgit..",
                        "com.github.dockerjava..",
                        "jakarta..",
                        "tools.jackson..",
                        "io.conops.server..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(ProcessBuilder.class, Process.class)
                .check(classes);
    }

    @Test
    void serverPackagesHaveNoCycles() {
        slices().matching("io.conops.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Per feature package, the server packages it may use besides its own. */
    static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("system", List.of()),
            Map.entry("access", List.of("system")),
            Map.entry("audit", List.of("system", "access")),
            Map.entry("credentials", List.of("system")),
            Map.entry("token", List.of("system", "access", "audit")),
            Map.entry("git", List.of("system", "credentials")),
            Map.entry("compose", List.of("system")),
            Map.entry("swarm", List.of("system", "compose")),
            Map.entry("security", List.of("system", "access", "audit", "token")),
            Map.entry("app", List.of("system", "access", "audit", "credentials", "git")),
            Map.entry("engine", List.of("system", "access", "credentials", "git", "compose", "app")),
            Map.entry("registry", List.of("system", "credentials", "app")),
            Map.entry(
                    "sync",
                    List.of("system", "access", "audit", "credentials", "git", "compose", "app", "registry", "swarm")),
            Map.entry("ui", List.of("system", "access", "app", "sync")),
            Map.entry("webhook", List.of("system", "credentials", "app", "sync")),
            Map.entry("metrics", List.of("system", "app", "sync")),
            Map.entry("notify", List.of("system", "access", "audit", "credentials", "app", "sync")),
            Map.entry("apidocs", List.of("system")));

    static Stream<Arguments> features() {
        return ALLOWED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} uses only {1}")
    @MethodSource("features")
    void featurePackagesDependOnlyOnWhatTheyMay(String feature, List<String> allowed) {
        String[] forbidden = ALLOWED.keySet().stream()
                .filter(p -> !p.equals(feature) && !allowed.contains(p))
                .map(p -> "io.conops.server." + p + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("io.conops.server." + feature + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .check(classes);
    }

    @Test
    void theLoopUsesTheEngineAndGitThroughCorePortsOnly() {
        noClasses()
                .that()
                .resideInAPackage("io.conops.server.sync..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        DockerEngine.class,
                        EngineEvents.class,
                        ComposeCli.class,
                        JGitAdapter.class,
                        io.conops.server.swarm.SwarmEngine.class,
                        io.conops.server.swarm.StackCli.class)
                .check(classes);
    }
}
