package dev.flowdeck.engine.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of row ids kept as closed ranges, e.g. {@code 101-5000,5002-9000}: the ids the poller has published above
 * its watermark. Out-of-order commits leave a few holes; the set stays a handful of ranges.
 */
public final class IdRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public IdRanges copy() {
        IdRanges c = new IdRanges();
        c.ranges.putAll(ranges);
        return c;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public int rangeCount() {
        return ranges.size();
    }

    public boolean contains(long id) {
        Map.Entry<Long, Long> e = ranges.floorEntry(id);
        return e != null && id <= e.getValue();
    }

    public void add(long id) {
        Map.Entry<Long, Long> below = ranges.floorEntry(id);
        if (below != null && id <= below.getValue()) {
            return;
        }
        long start = id;
        long end = id;
        if (below != null && below.getValue() == id - 1) {
            start = below.getKey();
        }
        Long next = ranges.get(id + 1);
        if (next != null) {
            end = next;
            ranges.remove(id + 1);
        }
        ranges.put(start, end);
    }

    /** Adds every id in {@code [from, to]}. */
    public void addRange(long from, long to) {
        if (from > to) {
            return;
        }
        long start = from;
        long end = to;
        Map.Entry<Long, Long> below = ranges.floorEntry(from);
        if (below != null && below.getValue() >= from - 1) {
            start = below.getKey();
            end = Math.max(end, below.getValue());
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(start)) != null && next.getKey() <= end + 1) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    /** Removes one id, splitting its range if needed. */
    public void remove(long id) {
        Map.Entry<Long, Long> e = ranges.floorEntry(id);
        if (e == null || id > e.getValue()) {
            return;
        }
        ranges.remove(e.getKey());
        if (e.getKey() < id) {
            ranges.put(e.getKey(), id - 1);
        }
        if (id < e.getValue()) {
            ranges.put(id + 1, e.getValue());
        }
    }

    /** The highest id in the set, or {@code otherwise} if empty. */
    public long max(long otherwise) {
        return ranges.isEmpty() ? otherwise : ranges.lastEntry().getValue();
    }

    /** Drops every id at or below {@code id}. */
    public void removeUpTo(long id) {
        while (!ranges.isEmpty() && ranges.firstKey() <= id) {
            Map.Entry<Long, Long> first = ranges.pollFirstEntry();
            if (first.getValue() > id) {
                ranges.put(id + 1, first.getValue());
                break;
            }
        }
    }

    /** The ids in {@code (after, upTo]} that are not in the set, as closed ranges {@code [from, to]}. */
    public List<long[]> gaps(long after, long upTo) {
        List<long[]> gaps = new ArrayList<>();
        long next = after + 1;
        for (Map.Entry<Long, Long> r : ranges.tailMap(after + 1, true).entrySet()) {
            if (r.getKey() > upTo) {
                break;
            }
            if (r.getKey() > next) {
                gaps.add(new long[] {next, r.getKey() - 1});
            }
            next = Math.max(next, r.getValue() + 1);
        }
        if (next <= upTo) {
            gaps.add(new long[] {next, upTo});
        }
        return gaps;
    }

    /** Every id in the set, in order. */
    public void forEach(java.util.function.LongConsumer action) {
        ranges.forEach((start, end) -> {
            for (long id = start; id <= end; id++) {
                action.accept(id);
            }
        });
    }

    /** {@code 1-5,7-9}; empty string for the empty set. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        ranges.forEach((s, e) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(s);
            if (!s.equals(e)) {
                sb.append('-').append(e);
            }
        });
        return sb.toString();
    }

    public static IdRanges parse(String text) {
        IdRanges r = new IdRanges();
        if (text == null || text.isBlank()) {
            return r;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-', 1);
            long s = Long.parseLong(dash < 0 ? part.trim() : part.substring(0, dash).trim());
            long e = dash < 0 ? s : Long.parseLong(part.substring(dash + 1).trim());
            r.ranges.merge(s, e, Math::max);
        }
        return r;
    }

    @Override
    public String toString() {
        return format();
    }
}
