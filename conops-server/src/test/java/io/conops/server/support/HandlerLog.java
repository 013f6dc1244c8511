package io.conops.server.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records the mapping pattern of every MVC handler the server runs, so a test can tell that a
 * refused request reached no controller. Added to a {@link TestServer} through
 * {@link TestServer#EXTRA_SOURCES}; it carries no annotation, so component scanning never picks it up.
 */
public class HandlerLog implements WebMvcConfigurer, HandlerInterceptor {
    private final List<String> seen = new ArrayList<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        synchronized (seen) {
            seen.add(request.getDispatcherType() + " " + pattern);
        }
        return true;
    }

    /** "REQUEST /api/v1/apps/{id}" etc. for each handler run since the last call. */
    public List<String> drain() {
        synchronized (seen) {
            List<String> copy = List.copyOf(seen);
            seen.clear();
            return copy;
        }
    }
}
