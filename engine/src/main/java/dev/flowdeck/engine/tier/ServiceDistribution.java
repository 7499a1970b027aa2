package dev.flowdeck.engine.tier;

import dev.flowdeck.engine.config.SettingsException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a tier's service times are drawn around their mean. */
public enum ServiceDistribution {
    /** Every job takes exactly the mean (M/D/c). */
    CONSTANT,
    /** Memoryless service times with the given mean (M/M/c). */
    EXPONENTIAL;

    /** A service time in nanoseconds with the given mean. */
    long drawNanos(double meanNanos, Uniforms rng) {
        return this == CONSTANT ? Math.round(meanNanos) : Math.round(rng.exponential(meanNanos));
    }

    /** The squared coefficient of variation of the service time (0 constant, 1 exponential). */
    public double squaredVariation() {
        return this == CONSTANT ? 0.0 : 1.0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code constant} or {@code exponential}, any case. */
    public static ServiceDistribution parse(String text) {
        for (ServiceDistribution d : values()) {
            if (d.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new SettingsException("service distribution '" + text + "' is not known: use one of "
                + Arrays.stream(values()).map(ServiceDistribution::label).collect(Collectors.joining(", ")));
    }
}
