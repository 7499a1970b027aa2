package dev.flowdeck.engine.retention;

import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 file stays within a small factor of the rows kept while the writer appends and the retention trims
 * at the same time, each in its own session, as they do in the running pipeline. When their write transactions
 * overlapped, H2 kept chunks alive that nothing used and the file grew with every row ever written (see
 * {@link Database#writing()}).
 */
class H2FileUnderRetentionTest {
    private static final long KEEP = 100_000;
    private static final int BURSTS = 2_000;
    private static final int ROWS_PER_BURST = 500;

    @Test
    void theFileStaysBoundedWhileTheWriterAndTheRetentionWriteAtTheSameTime(@TempDir Path dir) throws Exception {
        Database db = Database.connect(TestDatabases.h2(dir));
        // held open to the end: H2 closes (and compacts) the file when its last connection closes
        try (Connection keepOpen = db.open(); var st = keepOpen.createStatement()) {
            st.execute("SET RETENTION_TIME 0"); // as EmbeddedH2's housekeeping sets it
            run(db, dir);
        }
    }

    private static void run(Database db, Path dir) throws Exception {
        RetentionSettings keep = new RetentionSettings().maxAge(java.time.Duration.ZERO).maxRows(KEEP);
        Retention retention = new Retention(db, keep, () -> Long.MAX_VALUE, new StageCounters("retention"), 200);
        retention.start();
        try (Connection c = db.open();
             PreparedStatement ps = c.prepareStatement("INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)")) {
            for (int burst = 0; burst < BURSTS; burst++) {
                db.write(c, conn -> {
                    for (int i = 0; i < ROWS_PER_BURST; i++) {
                        ps.setString(1, "org-" + (i % 17));
                        ps.setBigDecimal(2, BigDecimal.valueOf(i * 7L % 10_000, 2));
                        ps.setString(3, "eu-west");
                        ps.setObject(4, OffsetDateTime.now());
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                });
            }
        } finally {
            retention.stop();
        }
        try (Connection c = db.open(); var q = c.createStatement(); var rs = q.executeQuery("SELECT MAX(id), COUNT(*) FROM livedb")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows written").isEqualTo((long) BURSTS * ROWS_PER_BURST);
            assertThat(rs.getLong(2)).as("rows kept").isBetween(KEEP, 3 * KEEP);
        }
        long fileBytes = Files.size(dir.resolve("livedb.mv.db"));
        long written = (long) BURSTS * ROWS_PER_BURST;
        System.out.printf("H2 file %,d bytes with %,d of %,d rows kept: %,d bytes per kept row%n",
                fileBytes, KEEP, written, fileBytes / KEEP);
        // 1,000,000 rows of ~60 bytes written, 100,000 kept (~6 MB). With the two sessions' transactions overlapping
        // the file reached 152 MB; taking turns (Database.writing) it stayed at 8.6 MB.
        assertThat(fileBytes).isLessThan(30L * 1024 * 1024);
    }
}
