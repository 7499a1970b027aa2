package dev.flowdeck.engine.cdc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The transactional id is stable for one installation (restarts fence their predecessor) and unguessable to others. */
class TransactionalIdsTest {
    @Test
    void stableInOneDataFolderDifferentInAnotherAndNotTheConnectorAlone(@TempDir Path a, @TempDir Path b) throws Exception {
        String first = TransactionalIds.of("livedb-h2-0123456789ab", a);
        assertThat(TransactionalIds.of("livedb-h2-0123456789ab", a)).as("same across restarts").isEqualTo(first);
        assertThat(first).isNotEqualTo("flowdeck-cdc-livedb-h2-0123456789ab").startsWith("flowdeck-cdc-livedb-h2-0123456789ab-");
        assertThat(TransactionalIds.of("livedb-h2-0123456789ab", b)).as("another installation").isNotEqualTo(first);
        assertThat(TransactionalIds.of("livedb-pg-0123456789ab", a)).as("another source").isNotEqualTo(first);
        Path secret = a.resolve(TransactionalIds.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(secret).strip()).hasSize(64);
    }
}
