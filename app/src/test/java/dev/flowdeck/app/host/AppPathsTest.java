package dev.flowdeck.app.host;

import dev.flowdeck.app.host.AppPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppPathsTest {
    private static final String LINUX = "Linux";

    @Test
    void linuxUsesXdgVariablesWhenSet() {
        Map<String, String> env = Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "/data/ann", "XDG_CONFIG_HOME", "/cfg/ann");

        assertThat(AppPaths.dataDir(env, LINUX, "/home/ann")).isEqualTo(Path.of("/data/ann/flowdeck"));
        assertThat(AppPaths.configDir(env, LINUX, "/home/ann")).isEqualTo(Path.of("/cfg/ann/flowdeck"));
    }

    @Test
    void linuxDefaultsFollowHomeFromTheEnvironmentNotJavasUserHome() {
        Map<String, String> env = Map.of("HOME", "/tmp/throwaway-home", "XDG_DATA_HOME", " ");

        assertThat(AppPaths.dataDir(env, LINUX, "/root")).isEqualTo(Path.of("/tmp/throwaway-home/.local/share/flowdeck"));
        assertThat(AppPaths.configDir(env, LINUX, "/root")).isEqualTo(Path.of("/tmp/throwaway-home/.config/flowdeck"));
    }

    @Test
    void withoutHomeInTheEnvironmentJavasUserHomeIsUsed() {
        assertThat(AppPaths.dataDir(Map.of(), LINUX, "/home/bob")).isEqualTo(Path.of("/home/bob/.local/share/flowdeck"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(AppPaths.dataDir(Map.of("HOME", "/Users/cy"), "Mac OS X", "/Users/other"))
                .isEqualTo(Path.of("/Users/cy/Library/Application Support/Flowdeck"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(AppPaths.dataDir(Map.of("APPDATA", "/appdata"), "Windows 11", "/users/dee"))
                .isEqualTo(Path.of("/appdata/Flowdeck"));
        assertThat(AppPaths.dataDir(Map.of(), "Windows 11", "/users/dee"))
                .isEqualTo(Path.of("/users/dee/AppData/Roaming/Flowdeck"));
    }
}
