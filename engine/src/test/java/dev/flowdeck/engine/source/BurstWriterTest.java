package dev.flowdeck.engine.source;

import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.metrics.StageCounters;
import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BurstWriterTest {

    @Test
    void aBurstThatIsNoMultipleOfTheStatementSizeWritesEveryRowOnceInSeedOrder(@TempDir Path dir) throws Exception {
        List<SeedRow> seed = List.of(new SeedRow("Acme", new BigDecimal("1.00"), "eu"),
                new SeedRow("Globex", new BigDecimal("2.50"), "us"), new SeedRow("Initech", new BigDecimal("3.75"), "ap"));
        int burst = 2 * BurstWriter.ROWS_PER_STATEMENT + 57; // two full statements and a remainder
        PipelineSettings settings = new PipelineSettings().rowsPerBurst(burst).burstIntervalMs(60_000);
        StageCounters counters = new StageCounters("writer");
        Database db = Database.connect(TestDatabases.h2(dir));
        BurstWriter writer = new BurstWriter(db, settings, seed, counters, () -> { }, () -> 0);
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.items() >= burst);
        } finally {
            writer.stop();
        }
        assertThat(counters.items()).isEqualTo(burst); // one burst only: the next is a minute away
        List<String> written = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT org, amount, region FROM livedb ORDER BY id")) {
            while (rs.next()) {
                written.add(rs.getString(1) + " " + rs.getBigDecimal(2) + " " + rs.getString(3));
            }
        }
        assertThat(written).hasSize(burst);
        for (int i = 0; i < burst; i++) {
            SeedRow expected = seed.get(i % seed.size());
            assertThat(written.get(i)).as("row %d", i)
                    .isEqualTo(expected.org() + " " + expected.amount() + " " + expected.region());
        }
    }
}
