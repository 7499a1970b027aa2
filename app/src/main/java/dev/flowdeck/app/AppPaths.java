package dev.flowdeck.app;

import java.nio.file.Path;
import java.util.Locale;

/** The platform's folders for user data and settings: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
public final class AppPaths {
    private static final String NAME = "flowdeck";

    private AppPaths() {
    }

    public static Path dataDir() {
        return platformDir("XDG_DATA_HOME", ".local/share");
    }

    public static Path configDir() {
        return platformDir("XDG_CONFIG_HOME", ".config");
    }

    private static Path platformDir(String xdgVariable, String xdgDefault) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Flowdeck");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Flowdeck");
        }
        String xdg = System.getenv(xdgVariable);
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(xdgDefault)).resolve(NAME);
    }
}
