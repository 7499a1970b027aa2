package dev.flowdeck.app.ui;

import dev.flowdeck.app.cli.ConnectionOptions;
import javafx.application.Application;

/** Opens the console window and returns when it is closed. */
public final class ConsoleLauncher {
    private static volatile ConnectionOptions options;

    private ConsoleLauncher() {
    }

    public static int launch(ConnectionOptions connection) {
        options = connection;
        Application.launch(ConsoleApp.class);
        return 0;
    }

    static ConnectionOptions options() {
        return options;
    }
}
