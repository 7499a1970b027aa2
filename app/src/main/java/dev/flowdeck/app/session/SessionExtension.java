package dev.flowdeck.app.session;

import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.db.Database;

/**
 * A stage group the console adds to every pipeline it builds (the stream processor, the edge and cloud tiers). The
 * session attaches it to each new pipeline (after a start or a profile switch) and detaches it when the pipeline is
 * closed.
 */
public interface SessionExtension {
    /** Adds this extension's stages to {@code pipeline}, which has not started yet. */
    void attach(Pipeline pipeline, Database database) throws Exception;

    /** The pipeline it was attached to has been closed (its stages stopped). */
    default void detach() {
    }
}
