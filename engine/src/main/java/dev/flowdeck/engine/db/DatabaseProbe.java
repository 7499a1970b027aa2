package dev.flowdeck.engine.db;

import dev.flowdeck.engine.config.DbSettings;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * "Is this database reachable with these credentials?" within a deadline, without touching its schema: the
 * console's Test connection button. {@link Database#connect} is the real start; this only asks.
 */
public final class DatabaseProbe {
    /** What answered: product and version, e.g. "PostgreSQL", "15.8". */
    public record Info(String product, String version) {
    }

    private DatabaseProbe() {
    }

    public static Info check(DbSettings settings, Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("password", settings.password());
        if (settings.isPostgres()) {
            p.setProperty("connectTimeout", Integer.toString(seconds));
            p.setProperty("loginTimeout", Integer.toString(seconds));
            p.setProperty("socketTimeout", Integer.toString(seconds));
            p.setProperty("ApplicationName", "flowdeck-probe");
        }
        Database describer = new Database(settings);
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), p); Statement st = c.createStatement()) {
            st.setQueryTimeout(seconds);
            st.execute("SELECT 1");
            DatabaseMetaData md = c.getMetaData();
            return new Info(md.getDatabaseProductName(), md.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new DatabaseException(describer.describeFailure(e), e);
        }
    }
}
