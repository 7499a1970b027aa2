package dev.flowdeck.engine.retention;

import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rows of livedb the retention deletes, on H2: 1,000 rows two hours old, 1,000 half an hour old, 1,000 new. */
class LivedbTrimTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private Database db;

    @BeforeEach
    void rows(@TempDir Path dir) throws Exception {
        db = Database.connect(TestDatabases.h2(dir));
        insert(1_000, NOW.minus(Duration.ofHours(2)));
        insert(1_000, NOW.minus(Duration.ofMinutes(30)));
        insert(1_000, NOW.minusSeconds(1));
    }

    @Test
    void byAgeTheRowsOlderThanTheAgeGo() throws Exception {
        RetentionSettings keepHour = new RetentionSettings().maxAge(Duration.ofHours(1)).maxRows(0);
        assertThat(trim(keepHour, 3_000)).isEqualTo(1_000);
        assertThat(ids()).containsExactly(1_001L, 3_000L);
    }

    @Test
    void byCountTheNewestRowsStay() throws Exception {
        RetentionSettings keep1500 = new RetentionSettings().maxAge(Duration.ZERO).maxRows(1_500);
        assertThat(trim(keep1500, 3_000)).isEqualTo(1_500);
        assertThat(ids()).containsExactly(1_501L, 3_000L);
    }

    @Test
    void theTighterLimitWins() throws Exception {
        RetentionSettings both = new RetentionSettings().maxAge(Duration.ofMinutes(10)).maxRows(2_500);
        assertThat(trim(both, 3_000)).isEqualTo(2_000);
        assertThat(ids()).containsExactly(2_001L, 3_000L);
    }

    @Test
    void rowsTheCdcPollerHasNotSettledStay() throws Exception {
        RetentionSettings keepHour = new RetentionSettings().maxAge(Duration.ofHours(1)).maxRows(0);
        assertThat(trim(keepHour, 420)).isEqualTo(420);
        assertThat(ids()).containsExactly(421L, 3_000L);
    }

    @Test
    void theNewestRowStaysEvenWhenEveryRowIsOld() throws Exception {
        RetentionSettings keepMinute = new RetentionSettings().maxAge(Duration.ofMinutes(1)).maxRows(0);
        assertThat(trim(keepMinute, 3_000, NOW.plus(Duration.ofDays(1)))).isEqualTo(2_999);
        assertThat(ids()).containsExactly(3_000L, 3_000L);
    }

    @Test
    void keepingEverythingTrimsNothing() throws Exception {
        RetentionSettings everything = new RetentionSettings().maxAge(Duration.ZERO).maxRows(0);
        StageCounters trimmed = new StageCounters(Retention.ID.key());
        Retention retention = new Retention(db, everything, () -> 3_000, trimmed);
        try (Connection c = db.open()) {
            assertThat(retention.trimOnce(c)).isZero();
        }
        assertThat(ids()).containsExactly(1L, 3_000L);
        assertThat(retention.status().message()).contains("everything");
    }

    @Test
    void theStageCountsWhatItTrimmed() throws Exception {
        RetentionSettings keep1000 = new RetentionSettings().maxAge(Duration.ZERO).maxRows(1_000);
        StageCounters trimmed = new StageCounters(Retention.ID.key());
        Retention retention = new Retention(db, keep1000, () -> 3_000, trimmed);
        try (Connection c = db.open()) {
            assertThat(retention.trimOnce(c)).isEqualTo(2_000);
            assertThat(retention.trimOnce(c)).as("a second pass finds nothing more").isZero();
        }
        assertThat(trimmed.items()).isEqualTo(2_000);
        assertThat(retention.status().message()).contains("1,000 rows").contains("2,000 older rows trimmed");
    }

    private long trim(RetentionSettings settings, long settledThrough) throws Exception {
        return trim(settings, settledThrough, NOW);
    }

    private long trim(RetentionSettings settings, long settledThrough, Instant now) throws Exception {
        try (Connection c = db.open()) {
            return LivedbTrim.trim(c, db, settings, settledThrough, now);
        }
    }

    /** {lowest id, highest id} left in livedb. */
    private long[] ids() throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(id), MAX(id) FROM livedb")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private void insert(int rows, Instant createdAt) throws Exception {
        try (Connection c = db.open()) {
            db.write(c, conn -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO livedb (org, amount, region, created_at) VALUES ('Acme', ?, 'eu-west', ?)")) {
                    for (int i = 0; i < rows; i++) {
                        ps.setBigDecimal(1, BigDecimal.valueOf(i, 2));
                        ps.setObject(2, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            });
        }
    }
}
