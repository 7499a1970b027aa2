package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.testing.TestDatabases;

import java.nio.file.Path;

/** The delivery guarantee on embedded H2, where the in-process write fence settles id gaps. */
class CdcDeliveryH2Test extends CdcDeliveryContract {
    @Override
    protected DbSettings freshDatabase(Path dir) {
        return TestDatabases.h2(dir);
    }
}
