package dev.flowdeck.app.ui.live;

/**
 * The headline numbers with their recent history (oldest first), for the tiles and their sparklines.
 *
 * @param eventsPerS   change events published per second
 * @param errorPct     errors as a share of events handled, over the last few seconds, in percent
 * @param avgMs        end-to-end (insert to read) mean latency, recent window
 * @param p99Ms        end-to-end p99 latency, recent window
 * @param rows         rows written this session
 * @param events       events published this session
 * @param bytes        bytes of change events published this session
 */
public record Tiles(double eventsPerS, double errorPct, double avgMs, double p99Ms, long rows, long events, long bytes,
                    double[] eventsHistory, double[] errorHistory, double[] avgHistory, double[] p99History,
                    double[] rowsHistory, double[] eventsTotalHistory, double[] bytesHistory) {
    public static final Tiles EMPTY = new Tiles(0, 0, 0, 0, 0, 0, 0, new double[0], new double[0], new double[0],
            new double[0], new double[0], new double[0], new double[0]);
}
