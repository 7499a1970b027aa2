package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.session.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link ProfileStore} puts on disk: no secret in clear outside the owner-only secrets file. */
class ProfileStoreSecretsTest {
    @TempDir
    Path dir;

    private static Profile profile(String name, String url, String password, boolean remember) {
        return new Profile(name, Profile.Kind.EXTERNAL, "kafka:9092", Map.of(), url, "app", password, remember);
    }

    /** Saves the profiles and reads the files back, as the next start would. */
    private ProfileStore savedAndReloaded(Profile... profiles) throws Exception {
        ProfileStore store = ProfileStore.load(dir);
        for (Profile p : profiles) {
            store.put(p);
        }
        store.save();
        return ProfileStore.load(dir);
    }

    @Test
    void aPasswordInsideTheJdbcUrlIsNotWrittenToProfilesJson() throws Exception {
        ProfileStore reloaded = savedAndReloaded(
                profile("Forgetful", "jdbc:postgresql://db:5432/x?user=app&password=url-secret-1&sslmode=require", "", false),
                profile("Userinfo", "jdbc:postgresql://app:url-secret-2@db:5432/x", "", false),
                profile("Remembering", "jdbc:postgresql://db:5432/x?password=url-secret-3", "", true));

        String json = Files.readString(dir.resolve(ProfileStore.PROFILES));
        assertThat(json).doesNotContain("url-secret-1").doesNotContain("url-secret-2").doesNotContain("url-secret-3")
                .contains("jdbc:postgresql://db:5432/x?user=app&sslmode=require");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ProfileStore.PROFILES))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        // remembered: the whole URL comes back from the owner-only secrets file; not remembered: typed again
        assertThat(reloaded.get("Remembering").orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x?password=url-secret-3");
        assertThat(reloaded.get("Forgetful").orElseThrow().jdbcUrl()).doesNotContain("url-secret-1");
    }

    @Test
    void profilesWhoseNamesDifferOnlyInPunctuationKeepTheirOwnSecrets() throws Exception {
        ProfileStore reloaded = savedAndReloaded(profile("a b", "jdbc:postgresql://db/x", "pw-space", true),
                profile("a_b", "jdbc:postgresql://db/x", "pw-underscore", true), profile("a.b", "jdbc:postgresql://db/x", "pw-dot", true));
        assertThat(reloaded.get("a b").orElseThrow().dbPassword()).isEqualTo("pw-space");
        assertThat(reloaded.get("a_b").orElseThrow().dbPassword()).isEqualTo("pw-underscore");
        assertThat(reloaded.get("a.b").orElseThrow().dbPassword()).isEqualTo("pw-dot");
    }
}
