package dev.flowdeck.engine.topology;

import java.util.SplittableRandom;

/**
 * When each peer is there. Every peer draws one number u in [0, 1) per session (sessions last {@code sessionSec} on
 * average, counted in whole windows); it is away while u &lt; churn. So the share of time away equals the churn, and
 * the peers away at a lower churn are away at every higher churn too: raising churn only ever removes peers.
 */
final class PeerPresence {
    private final int windows;
    private final float[] u;

    private PeerPresence(int windows, float[] u) {
        this.windows = windows;
        this.u = u;
    }

    static PeerPresence generate(TopologySettings s) {
        int windows = (int) Math.ceil(s.durationSec() / s.windowSec()) + 1;
        double newSession = Math.min(1.0, s.windowSec() / s.sessionSec());
        float[] u = new float[s.clients() * windows];
        for (int k = 0; k < s.clients(); k++) {
            SplittableRandom rng = RandomStreams.stream(s.seed(), RandomStreams.CHURN, k);
            float current = unit(rng);
            for (int w = 0; w < windows; w++) {
                if (w > 0 && rng.nextDouble() < newSession) {
                    current = unit(rng);
                }
                u[k * windows + w] = current;
            }
        }
        return new PeerPresence(windows, u);
    }

    /** A uniform float in [0, 1): a plain cast could round 0.99999999 up to 1, present even at churn 1. */
    private static float unit(SplittableRandom rng) {
        return Math.min((float) rng.nextDouble(), Math.nextDown(1.0f));
    }

    /** Whether client number {@code k} (0-based) is there in window {@code w} at this churn. */
    boolean present(int k, int w, double churn) {
        return u[k * windows + Math.min(w, windows - 1)] >= churn;
    }
}
