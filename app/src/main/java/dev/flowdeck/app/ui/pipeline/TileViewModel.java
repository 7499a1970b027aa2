package dev.flowdeck.app.ui.pipeline;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One headline number: its title, value with unit, what it measures, and its recent history for a sparkline. */
public final class TileViewModel {
    private final String id;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<double[]> history = new ReadOnlyObjectWrapper<>(new double[0]);

    TileViewModel(String id, String title, String caption) {
        this.id = id;
        this.title.set(title);
        this.caption.set(caption);
    }

    void apply(String valueText, double[] values) {
        value.set(valueText);
        history.set(values);
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[]> historyProperty() {
        return history.getReadOnlyProperty();
    }
}
