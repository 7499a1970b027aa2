package dev.flowdeck.engine.db;

/**
 * What a moment's view of the database says about writing transactions, in the shape of a PostgreSQL snapshot:
 * every writer stamped below {@code xmin} has ended (committed or rolled back), and every writer that begins
 * after this moment gets a stamp of at least {@code xmax}.
 */
public record Horizon(long xmin, long xmax) {
    /** True when every writer that could have been running when {@code earlier} was taken has ended by now. */
    public boolean hasPassed(long earlierXmax) {
        return xmin >= earlierXmax;
    }
}
