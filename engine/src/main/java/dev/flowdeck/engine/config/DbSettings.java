package dev.flowdeck.engine.config;

/** How to reach the database. The password is never printed: {@link #toString()} masks it. */
public record DbSettings(String jdbcUrl, String user, String password) {
    public DbSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new SettingsException("the JDBC URL is empty: give e.g. jdbc:postgresql://localhost:5432/flowdeck");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new SettingsException("unsupported JDBC URL '" + Secrets.redactUrl(jdbcUrl)
                    + "': Flowdeck works with PostgreSQL (jdbc:postgresql://host:5432/db) or H2 (jdbc:h2:...)");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL with any inline password masked: safe for logs and messages. */
    public String safeUrl() {
        return Secrets.redactUrl(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DbSettings[" + safeUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : Secrets.MASK) + "]";
    }
}
