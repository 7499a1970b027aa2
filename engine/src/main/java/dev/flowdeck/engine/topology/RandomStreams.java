package dev.flowdeck.engine.topology;

import java.util.SplittableRandom;

/**
 * Independent, seeded random streams, one per purpose and per entity. Each draw depends only on the seed, the purpose
 * and the entity, never on how many draws another part of the model made: so adding peer links cannot shift the
 * request stream, a higher churn takes peers away without reshuffling the rest, and flat and hybrid runs see the same
 * requests.
 */
final class RandomStreams {
    static final long REGION = 0x5245_4749L;
    static final long EDGE = 0x4544_4745L;
    static final long ACCESS = 0x4143_4345L;
    static final long DIRECT = 0x4449_5245L;
    static final long PEERS = 0x5045_4552L;
    static final long PEER_LINK = 0x504c_494eL;
    static final long CACHE = 0x4341_4348L;
    static final long REQUESTS = 0x5245_5155L;
    static final long CHURN = 0x4348_5552L;

    private RandomStreams() {
    }

    /** A generator for one entity's stream, e.g. client 17's requests. */
    static SplittableRandom stream(long seed, long purpose, long entity) {
        return new SplittableRandom(mix(mix(seed ^ purpose) + entity));
    }

    /** One uniform draw in [0, 1) for a (purpose, a, b) triple, e.g. the latency of the link between a and b. */
    static double unit(long seed, long purpose, long a, long b) {
        long h = mix(mix(mix(seed ^ purpose) + a) ^ (b * 0x9E37_79B9_7F4A_7C15L));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: a bijective, well-mixing 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
