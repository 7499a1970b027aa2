package dev.flowdeck.app.ui.live;

import dev.flowdeck.app.ui.kit.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds a {@link ConsoleFrame} at a fixed rate (10–25 Hz) on its own thread, {@code flowdeck-console-sampler}, and
 * hands it to every {@link FrameSink}: chart feeders fill their data sets right here, off the FX thread; the
 * {@link FxFrameDispatcher} carries the newest frame to the view models, at most one pending update at a time.
 */
public final class ConsoleSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSampler.class);
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(50);

    private final FrameBuilder builder;
    private final List<FrameSink> sinks = new CopyOnWriteArrayList<>();
    private final Ticker ticker;
    private volatile ConsoleFrame last;

    public ConsoleSampler(FrameBuilder builder, Duration period) {
        long ms = period.toMillis();
        if (ms < 40 || ms > 100) {
            throw new IllegalArgumentException("the sampler runs at 10-25 Hz: a period of 40-100 ms, not " + ms);
        }
        this.builder = builder;
        this.ticker = new Ticker("flowdeck-console-sampler", ms, this::tick);
    }

    public void addSink(FrameSink sink) {
        sinks.add(sink);
    }

    public void removeSink(FrameSink sink) {
        sinks.remove(sink);
    }

    /** The newest frame built, or null before the first. */
    public ConsoleFrame last() {
        return last;
    }

    public void start() {
        ticker.start();
    }

    /** Builds one frame and hands it out; public so tests can drive the sampler without its thread. */
    public void tick() {
        try {
            ConsoleFrame frame = builder.build(System.currentTimeMillis());
            last = frame;
            for (FrameSink sink : sinks) {
                sink.accept(frame);
            }
        } catch (RuntimeException e) {
            log.warn("console sampler: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
