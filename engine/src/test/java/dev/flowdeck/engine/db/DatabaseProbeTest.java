package dev.flowdeck.engine.db;

import dev.flowdeck.engine.config.DbSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Test connection: says what answered, or why not, within the deadline, without creating any table. */
class DatabaseProbeTest {
    @Test
    void anH2DatabaseAnswersWithItsNameAndVersion(@TempDir Path dir) throws Exception {
        DbSettings h2 = new DbSettings("jdbc:h2:file:" + dir.resolve("probe") + ";MODE=PostgreSQL", "sa", "");
        DatabaseProbe.Info info = DatabaseProbe.check(h2, Duration.ofSeconds(5));
        assertThat(info.product()).isEqualTo("H2");
        assertThat(info.version()).isNotBlank();
        try (var c = java.sql.DriverManager.getConnection(h2.jdbcUrl(), "sa", "");
             var rs = c.getMetaData().getTables(null, null, "LIVEDB", null)) {
            assertThat(rs.next()).as("the probe created no table").isFalse();
        }
    }

    @Test
    void anUnreachablePostgresFailsFastWithAMessageWithoutThePassword() {
        DbSettings pg = new DbSettings("jdbc:postgresql://127.0.0.1:1/none", "someone", "pw-not-shown");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DatabaseProbe.check(pg, Duration.ofSeconds(3)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("pw-not-shown");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8_000);
    }
}
