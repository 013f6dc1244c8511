package io.conops.server.bootstrap;

import io.conops.core.ConopsException;
import io.conops.core.api.CreateAppRequest;
import io.conops.core.app.AppSpec;
import io.conops.core.app.Durations;
import io.conops.core.app.InvalidSpecException;
import io.conops.server.app.AppService;
import io.conops.server.app.AppStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the declared apps at every start, through the same service and rules as the API: an app
 * not there yet is registered, one that is there is changed to match (fields the entry leaves out
 * take their defaults where the API has one). Apps not declared are left alone. The first bad entry
 * stops start-up with one line naming it and its field; the entries before it are applied.
 */
@Component
class Bootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final BootstrapProperties props;
    private final AppService apps;
    private final AppStore store;
    private final JsonMapper json;

    Bootstrap(BootstrapProperties props, AppService apps, AppStore store, JsonMapper json) {
        this.props = props;
        this.apps = apps;
        this.store = store;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<DeclaredApp> declared = new ArrayList<>();
        if (props.appsFile() != null) {
            declared.addAll(AppsFile.read(props.appsFile(), json));
        }
        if (props.repos() != null && !props.repos().isBlank()) {
            declared.addAll(RepoList.read(props.repos(), json));
        }
        Map<String, DeclaredApp> byName = new HashMap<>();
        for (DeclaredApp d : declared) {
            String name = d.name();
            if (name == null) {
                throw new DeclarationException(d.variable(), d.where(), "name", "is required (a string)");
            }
            DeclaredApp before = byName.putIfAbsent(name, d);
            if (before != null) {
                throw new DeclarationException(
                        d.variable(), d.where(), "name", "'" + name + "' is declared already (" + before.where() + ")");
            }
        }
        int created = 0;
        for (DeclaredApp d : declared) {
            created += apply(d) ? 1 : 0;
        }
        if (!declared.isEmpty()) {
            log.info("Declared apps: {} registered, {} brought in line", created, declared.size() - created);
        }
    }

    /** True when the app was registered, false when it was there and is changed to match. */
    private boolean apply(DeclaredApp d) {
        try {
            if (store.findByName(d.name()).isEmpty()) {
                apps.create(json.treeToValue(d.fields(), CreateAppRequest.class));
                return true;
            }
            apps.update(d.name(), patch(d.fields()));
            return false;
        } catch (InvalidSpecException e) {
            throw new DeclarationException(d.variable(), d.where(), e.field(), e.reason());
        } catch (DeclarationException e) {
            throw e;
        } catch (ConopsException e) {
            // a name taken meanwhile, a credential that does not parse: the service's own words
            throw new DeclarationException(d.variable(), d.where(), null, e.getMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new DeclarationException(d.variable(), d.where(), e.getPropertyName(), "unknown field");
        } catch (DatabindException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining("."));
            throw new DeclarationException(
                    d.variable(), d.where(), field.isEmpty() ? null : field, "wrong type or value");
        }
    }

    /** The entry as a PATCH: the name is the key, and what it leaves out goes back to the default. */
    private static ObjectNode patch(ObjectNode fields) {
        ObjectNode p = fields.deepCopy();
        p.remove("name");
        p.putIfAbsent("branch", p.stringNode(AppSpec.DEFAULT_BRANCH));
        p.putIfAbsent("poll_interval", p.stringNode(Durations.format(AppSpec.DEFAULT_POLL_INTERVAL)));
        if (!p.has("stacks_file") && !p.has("stacks_glob")) {
            p.putIfAbsent("compose_path", p.stringNode(AppSpec.DEFAULT_COMPOSE_PATH));
        }
        p.putIfAbsent("image_updates", p.booleanNode(false));
        p.putIfAbsent("pull_policy", p.nullNode());
        return p;
    }
}
