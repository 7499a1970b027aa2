package dev.flowdeck.engine.source;

import java.math.BigDecimal;

/** One row of seed data: what the burst writer inserts, cycling through the file. */
public record SeedRow(String org, BigDecimal amount, String region) {
}
