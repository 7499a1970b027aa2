package dev.flowdeck.app.ui.admin;

import java.util.Objects;

/** The admin pages' stylesheet (on top of the console's theme). */
final class AdminStyles {
    static final String URL = Objects.requireNonNull(AdminStyles.class.getResource("admin.css"), "admin.css").toExternalForm();

    private AdminStyles() {
    }
}
