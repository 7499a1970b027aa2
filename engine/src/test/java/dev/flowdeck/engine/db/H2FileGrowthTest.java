package dev.flowdeck.engine.db;

import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database's file grows by about the size of the rows written, not by ten times that. */
class H2FileGrowthTest {
    private static final int BURSTS = 40;
    private static final int ROWS_PER_BURST = 5_000;

    @Test
    void burstsOfInsertsGrowTheFileByAboutTheirSize(@TempDir Path dir) throws Exception {
        Database db = Database.connect(TestDatabases.h2(dir));
        try (Connection c = db.open()) {
            for (int b = 0; b < BURSTS; b++) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                db.write(c, conn -> {
                    try (PreparedStatement ps = conn.prepareStatement(
                            "INSERT INTO livedb (org, amount, region, created_at) VALUES (?, ?, ?, ?)")) {
                        for (int i = 0; i < ROWS_PER_BURST; i++) {
                            ps.setString(1, "Adventure Works Cycles");
                            ps.setBigDecimal(2, new BigDecimal("270.76"));
                            ps.setString(3, "eu-central");
                            ps.setObject(4, now);
                            ps.addBatch();
                        }
                        return ps.executeBatch().length;
                    }
                });
            }
            long bytes = Files.size(dir.resolve("livedb.mv.db"));
            double perRow = (double) bytes / (BURSTS * ROWS_PER_BURST);
            // about 60 bytes of row and key; the identity's default cache made it about 650
            assertThat(perRow).as("bytes of H2 file per row while open").isLessThan(150);
        }
    }
}
