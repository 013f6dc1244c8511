package io.conops.server.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/** Every (method, pattern) the running server maps, from its own handler mappings, variables filled. */
public final class Routes {
    public record Route(String method, String pattern, String path) {
        public boolean reads() {
            return method.equals("GET") || method.equals("HEAD");
        }
    }

    private Routes() {}

    /** {@code {var}} becomes {@code fill}, a catch-all {@code {*var}} becomes {@code liveness}. */
    public static List<Route> of(TestServer server, String fill) {
        Set<String> seen = new TreeSet<>();
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping :
                server.beans(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty()
                        ? List.of("GET", "POST", "DELETE")
                        : methods.stream().map(Enum::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        if (seen.add(method + " " + pattern)) {
                            String path = pattern.replaceAll("\\{\\*[^}]+}", "liveness")
                                    .replaceAll("\\{[^}]+}", fill);
                            routes.add(new Route(method, pattern, path));
                        }
                    }
                }
            }
        }
        return routes;
    }
}
