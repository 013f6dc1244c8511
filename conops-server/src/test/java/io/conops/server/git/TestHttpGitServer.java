package io.conops.server.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Git over HTTP for tests: JGit's GitServlet in embedded Tomcat on 127.0.0.1, behind basic auth
 * that accepts fixed user/token pairs, as a forge does for tokens.
 */
final class TestHttpGitServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;

    private TestHttpGitServer(Path reposRoot, Path workDir, Map<String, String> tokens) throws LifecycleException {
        tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", workDir.toString());
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            Path dir = reposRoot.resolve(name).normalize();
            if (!dir.startsWith(reposRoot) || !Files.isDirectory(dir)) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return new FileRepositoryBuilder()
                        .setGitDir(dir.toFile())
                        .setMustExist(true)
                        .build();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        Tomcat.addServlet(context, "git", git);
        context.addServletMappingDecoded("/git/*", "git");

        FilterDef auth = new FilterDef();
        auth.setFilterName("basic-auth");
        auth.setFilter(new BasicAuth(tokens));
        context.addFilterDef(auth);
        FilterMap everything = new FilterMap();
        everything.setFilterName("basic-auth");
        everything.addURLPattern("/*");
        context.addFilterMap(everything);

        tomcat.start();
    }

    /** @param tokens accepted user name to token pairs */
    static TestHttpGitServer start(Path reposRoot, Path workDir, Map<String, String> tokens) throws LifecycleException {
        return new TestHttpGitServer(reposRoot.toAbsolutePath().normalize(), workDir, tokens);
    }

    String url(String repoPath) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/git/" + repoPath;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    private static final class BasicAuth implements Filter {
        private final Map<String, String> tokens;

        BasicAuth(Map<String, String> tokens) {
            this.tokens = tokens;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            String header = ((HttpServletRequest) req).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                        .split(":", 2);
                if (pair.length == 2 && pair[1].equals(tokens.get(pair[0]))) {
                    chain.doFilter(req, res);
                    return;
                }
            }
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
