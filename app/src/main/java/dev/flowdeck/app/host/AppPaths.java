package dev.flowdeck.app.host;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The platform's folders for user data and settings: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
public final class AppPaths {
    private static final String NAME = "flowdeck";

    private AppPaths() {
    }

    public static Path dataDir() {
        return dataDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    public static Path configDir() {
        return configDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path dataDir(Map<String, String> env, String os, String userHome) {
        return platformDir(env, os, userHome, "XDG_DATA_HOME", ".local/share");
    }

    static Path configDir(Map<String, String> env, String os, String userHome) {
        return platformDir(env, os, userHome, "XDG_CONFIG_HOME", ".config");
    }

    private static Path platformDir(Map<String, String> env, String osName, String userHome, String xdgVariable, String xdgDefault) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (present(appData) ? Path.of(appData) : Path.of(userHome, "AppData/Roaming")).resolve("Flowdeck");
        }
        // The XDG spec (and macOS) mean $HOME: Java's user.home comes from the password file and ignores it, so a
        // user who runs Flowdeck with another HOME would otherwise find the data in the wrong place.
        String home = env.get("HOME");
        Path base = Path.of(present(home) ? home : userHome);
        if (os.contains("mac")) {
            return base.resolve("Library/Application Support/Flowdeck");
        }
        String xdg = env.get(xdgVariable);
        return (present(xdg) ? Path.of(xdg) : base.resolve(xdgDefault)).resolve(NAME);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
