package io.conops.server.system;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Creates the embedded database's file, empty and 0600, before the pool opens it: H2 makes its
 * files with the process' umask (0644 as a rule), and it keeps using a file that exists. So the
 * database is never readable by other users, not even for the moments before start-up narrows the
 * data directory's files.
 */
@Component
class H2FilePermissions implements BeanPostProcessor {
    private static final String PREFIX = "jdbc:h2:file:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith(PREFIX)) {
            prepare(databaseFile(pool.getJdbcUrl()));
        }
        return bean;
    }

    /** {@code jdbc:h2:file:/dir/conops;OPTION=...} is stored in {@code /dir/conops.mv.db}. */
    static Path databaseFile(String url) {
        String path = url.substring(PREFIX.length());
        int options = path.indexOf(';');
        return Path.of((options < 0 ? path : path.substring(0, options)) + ".mv.db")
                .toAbsolutePath()
                .normalize();
    }

    private static void prepare(Path db) {
        try {
            SecureFiles.createPrivateDirectories(db.getParent());
            if (!Files.exists(db, LinkOption.NOFOLLOW_LINKS)) {
                SecureFiles.createPrivateFile(db);
            }
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", "cannot create " + db + ": " + e.getMessage());
        }
    }
}
