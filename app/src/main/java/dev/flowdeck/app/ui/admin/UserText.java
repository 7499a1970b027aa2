package dev.flowdeck.app.ui.admin;

import dev.flowdeck.engine.admin.AdminException;
import dev.flowdeck.engine.admin.SqlFailure;
import dev.flowdeck.engine.admin.schema.SchemaException;
import dev.flowdeck.engine.config.SettingsException;

/** The text a page shows for a failed task: the message itself when it was written for people, else its type. */
final class UserText {
    static final String NO_KAFKA = "Kafka is not connected yet. This page fills in as soon as the broker is up "
            + "(start the pipeline, or check the profile's bootstrap servers).";
    static final String NO_DATABASE = "The database is not connected yet. This page works as soon as it is up "
            + "(start the pipeline, or check the profile's JDBC URL).";

    private UserText() {
    }

    static String of(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof AdminException || t instanceof SqlFailure
                || t instanceof IllegalArgumentException || t instanceof SettingsException || t instanceof SchemaException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof AdminException || t instanceof SqlFailure || t instanceof IllegalArgumentException
                || t instanceof SettingsException || t instanceof SchemaException) {
            return m;
        }
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
