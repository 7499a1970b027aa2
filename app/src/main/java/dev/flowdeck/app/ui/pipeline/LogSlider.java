package dev.flowdeck.app.ui.pipeline;

import javafx.beans.property.Property;
import javafx.scene.control.Slider;

/**
 * A slider over a wide range (1 to 10,000 rows, 10 ms to 5 s) on a logarithmic scale, bound both ways to a view-model
 * number, which moves in "nice" steps (two significant digits).
 */
final class LogSlider extends Slider {
    private boolean syncing;

    LogSlider(String id, double min, double max, Property<Number> value) {
        super(Math.log10(min), Math.log10(max), Math.log10(Math.max(min, value.getValue().doubleValue())));
        setId(id);
        setBlockIncrement((Math.log10(max) - Math.log10(min)) / 40);
        valueProperty().addListener((o, was, now) -> {
            if (!syncing) {
                syncing = true;
                try {
                    value.setValue(nice(Math.pow(10, now.doubleValue())));
                } finally {
                    syncing = false;
                }
            }
        });
        value.addListener((o, was, now) -> {
            if (!syncing) {
                syncing = true;
                try {
                    setValue(Math.log10(Math.max(min, now.doubleValue())));
                } finally {
                    syncing = false;
                }
            }
        });
    }


    /** Rounds a slider position to two significant digits: 1, 2, ..., 99, 100, 110, ..., 2,000, 2,100. */
    public static long nice(double v) {
        if (v < 100) {
            return Math.max(1, Math.round(v));
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        return Math.round(Math.round(v / magnitude) * magnitude);
    }
}
