package dev.flowdeck.engine.topology;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Every request of a run in arrival order: which client asks for which item when. Generated once per topology and
 * replayed by both the flat and the hybrid run, so the two see exactly the same demand.
 */
final class RequestStream {
    private final double[] time;
    private final int[] client;
    private final int[] item;

    private RequestStream(double[] time, int[] client, int[] item) {
        this.time = time;
        this.client = client;
        this.item = item;
    }

    /** Each client's requests come from its own stream: arrival times uniform over the run, items by popularity. */
    static RequestStream generate(TopologySettings s, ZipfPopularity popularity, int firstClient) {
        int perClient = s.requestsPerClient();
        int n = s.clients() * perClient;
        double[] t = new double[n];
        int[] c = new int[n];
        int[] it = new int[n];
        for (int k = 0; k < s.clients(); k++) {
            SplittableRandom rng = RandomStreams.stream(s.seed(), RandomStreams.REQUESTS, k);
            for (int j = 0; j < perClient; j++) {
                int r = k * perClient + j;
                t[r] = rng.nextDouble() * s.durationSec();
                c[r] = firstClient + k;
                it[r] = popularity.sample(rng);
            }
        }
        // Sort by arrival time (microseconds), ties by generation order: a total, reproducible order.
        long[] keys = new long[n];
        for (int r = 0; r < n; r++) {
            keys[r] = ((long) (t[r] * 1e6) << 26) | r;
        }
        Arrays.sort(keys);
        double[] ts = new double[n];
        int[] cs = new int[n];
        int[] is = new int[n];
        for (int i = 0; i < n; i++) {
            int r = (int) (keys[i] & ((1L << 26) - 1));
            ts[i] = t[r];
            cs[i] = c[r];
            is[i] = it[r];
        }
        return new RequestStream(ts, cs, is);
    }

    int size() {
        return time.length;
    }

    double time(int r) {
        return time[r];
    }

    int client(int r) {
        return client[r];
    }

    int item(int r) {
        return item[r];
    }
}
