package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.db.WriterSnapshot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Reads an append-only table keyed by an identity id exactly once, in the way {@link CdcPoller} describes: a
 * watermark below which every id is settled, the published ids above it, gaps re-read until filled or declared final
 * by a {@linkplain dev.flowdeck.engine.db.VisibilityHorizon visibility horizon}. It only plans: the caller reads with
 * a {@link Reader}, publishes the rows and the returned state in one Kafka transaction, then calls
 * {@link #committed(OffsetState)}. Used for {@code livedb} and for the H2 change log of captured tables.
 */
public final class IdLogCursor {
    private static final int MAX_MARKS = 256;

    private final List<Mark> marks = new ArrayList<>();

    /** How the cursor reads rows: ids in a closed range, and ids after one; both in id order, at most {@code limit}. */
    public interface Reader<T> {
        void readBetween(long from, long to, int limit, List<T> into) throws SQLException;

        void readAfter(long afterId, int limit, List<T> into) throws SQLException;
    }

    /** One poll's rows, the state that accounts for them (positions still those of {@code current}), and whether the batch was full. */
    public record Step<T>(List<T> rows, OffsetState next, boolean full) {
        /** True when there is something to commit: rows, or a watermark that moved. */
        public boolean changes(OffsetState current) {
            return !rows.isEmpty() || next.watermark() != current.watermark();
        }
    }

    /** Ids up to {@code maxId} were allocated before {@code writers} was observed (on the poll after). */
    private static final class Mark {
        final long maxId;
        WriterSnapshot writers;

        Mark(long maxId) {
            this.maxId = maxId;
        }
    }

    /**
     * Reads the next batch: gaps below the highest published id first, then ids after it. {@code writers} is the
     * horizon observed at the start of this poll.
     */
    public <T> Step<T> next(OffsetState current, WriterSnapshot writers, int batch, Reader<T> reader,
                            ToLongFunction<T> idOf) throws SQLException {
        long settled = current.watermark();
        for (Mark m : marks) {
            if (m.writers == null) {
                m.writers = writers;
            } else if (m.writers.allEndedBy(writers)) {
                settled = Math.max(settled, m.maxId);
            }
        }

        List<T> rows = new ArrayList<>();
        List<long[]> gaps = current.published().gaps(current.watermark(), current.maxPublished());
        boolean gapsCovered = true;
        for (long[] gap : gaps) {
            if (rows.size() > batch) {
                break;
            }
            reader.readBetween(gap[0], gap[1], batch + 1 - rows.size(), rows);
        }
        if (rows.size() > batch) {
            rows.subList(batch, rows.size()).clear();
            gapsCovered = false;
        }
        boolean full = !gapsCovered;
        if (gapsCovered) {
            int room = batch - rows.size();
            if (room > 0) {
                int before = rows.size();
                reader.readAfter(current.maxPublished(), room, rows);
                full = rows.size() - before == room;
            } else {
                full = true;
            }
        }

        IdRanges published = current.published().copy();
        rows.forEach(r -> published.add(idOf.applyAsLong(r)));
        long watermark = current.watermark();
        if (gapsCovered && settled > watermark) {
            watermark = settled; // every id up to here is published or can no longer appear
        }
        published.removeUpTo(watermark);
        List<long[]> firstGap = published.gaps(watermark, published.max(watermark));
        long contiguousTo = firstGap.isEmpty() ? published.max(watermark) : firstGap.get(0)[0] - 1;
        if (contiguousTo > watermark) {
            watermark = contiguousTo;
            published.removeUpTo(watermark);
        }
        OffsetState next = new OffsetState(watermark, published, current.eventsPublished() + rows.size(), current.positions());
        return new Step<>(rows, next, full);
    }

    /** Records that {@code next} is committed: marks the new highest id for a later horizon to settle. */
    public void committed(OffsetState previous, OffsetState next) {
        committed(previous, next, Long.MAX_VALUE);
    }

    /**
     * As {@link #committed(OffsetState, OffsetState)}, but settles no id above {@code allocatedUpTo}, what the id
     * sequence had handed out when this poll began: a row with an explicit id above it is published, yet the ids
     * below that row that the sequence will still hand out stay open gaps, read on every poll.
     */
    public void committed(OffsetState previous, OffsetState next, long allocatedUpTo) {
        long lastMarked = marks.isEmpty() ? previous.watermark() : marks.get(marks.size() - 1).maxId;
        long mark = Math.min(next.maxPublished(), allocatedUpTo);
        if (mark > lastMarked) {
            marks.add(new Mark(mark));
        }
        long settledTo = next.watermark();
        marks.removeIf(m -> m.maxId <= settledTo);
        if (marks.size() > MAX_MARKS) {
            marks.remove(marks.size() / 2); // fewer marks only delay settling a gap, never make it unsafe
        }
    }

    /** Forgets every mark (after a session restart the state is reloaded and gaps are re-marked). */
    public void reset() {
        marks.clear();
    }
}
