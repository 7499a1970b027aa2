package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.testing.TestDatabases;

import java.nio.file.Path;

/** The delivery guarantee on a real PostgreSQL server, where the snapshot's xmin settles id gaps. */
class CdcDeliveryPostgresTest extends CdcDeliveryContract {
    @Override
    protected DbSettings freshDatabase(Path dir) {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    protected void dispose(DbSettings settings) {
        TestDatabases.dropPostgresSchema(settings);
    }
}
