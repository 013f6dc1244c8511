package io.conops.server.system;

import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one line that says ConOps is up and where it listens, so that an operator sees at a glance
 * whether it is reachable from other hosts (it binds loopback unless CONOPS_BIND_ADDRESS widens it).
 */
@Component
class ReadyLine {
    private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        WebServer server = web.getWebServer();
        InetAddress address = boundAddress(server);
        String host = address == null ? "0.0.0.0" : address.getHostAddress();
        String reach = address == null || address.isAnyLocalAddress()
                ? "all interfaces: reachable from other hosts"
                : address.isLoopbackAddress() ? "loopback only; set CONOPS_BIND_ADDRESS to widen" : "this address only";
        log.info("ConOps ready, listening on {}:{} ({})", host, server.getPort(), reach);
    }

    /** The address the HTTP connector is bound to; null when it listens on every interface. */
    static InetAddress boundAddress(WebServer server) {
        if (server instanceof TomcatWebServer tomcat) {
            Connector connector = tomcat.getTomcat().getConnector();
            if (connector.getProperty("address") instanceof InetAddress address) {
                return address;
            }
        }
        return null;
    }
}
