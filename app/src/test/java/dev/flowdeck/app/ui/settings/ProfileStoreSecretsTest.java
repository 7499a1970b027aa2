package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
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

    @Test
    void theSchemaRegistrysPasswordAndTokenAreSecretsLikeTheDatabasePassword() throws Exception {
        Profile remembering = new Profile("Registry", Profile.Kind.EXTERNAL, "kafka:9092", Map.of(), "", "", "", true,
                new RegistrySettings("https://registry:8081", "reader", "reg-pass-1", ""));
        Profile forgetful = new Profile("Token", Profile.Kind.EXTERNAL, "kafka:9092", Map.of(), "", "", "", false,
                new RegistrySettings("https://registry:8081", "", "", "reg-token-2"));
        ProfileStore reloaded = savedAndReloaded(remembering, forgetful);

        String json = Files.readString(dir.resolve(ProfileStore.PROFILES));
        assertThat(json).contains("https://registry:8081").contains("reader")
                .doesNotContain("reg-pass-1").doesNotContain("reg-token-2");
        assertThat(Files.readString(dir.resolve(ProfileStore.SECRETS))).contains("reg-pass-1").doesNotContain("reg-token-2");
        assertThat(reloaded.get("Registry").orElseThrow().schemaRegistry()).contains(remembering.registry());
        assertThat(reloaded.get("Token").orElseThrow().schemaRegistry().orElseThrow().token()).as("not remembered").isEmpty();
        assertThat(remembering.toString()).contains("registry:8081").doesNotContain("reg-pass-1");
        assertThat(forgetful.toString()).doesNotContain("reg-token-2");
        assertThat(remembering.secretValues()).contains("reg-pass-1");
        assertThat(forgetful.secretValues()).as("masked in logs and views").contains("reg-token-2");
    }
}
