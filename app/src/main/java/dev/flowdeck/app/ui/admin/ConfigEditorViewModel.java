package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.engine.admin.ChangePreview;
import dev.flowdeck.engine.admin.ClusterConfigService;
import dev.flowdeck.engine.admin.ConfigValue;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration of one broker or topic with its source and default, filterable, and a change to any one of
 * them: previewed first (the brokers validate it without applying it), applied only after a preview that allows
 * it. A blank new value removes the override. Shared by the Broker configs page and the Topics page.
 */
public final class ConfigEditorViewModel implements AutoCloseable {
    private final ConsoleContext context;
    private final ConnectionScoped<KafkaSettings, ClusterConfigService> service = new ConnectionScoped<>(ClusterConfigService::new);
    private final PageStatus page = new PageStatus(UserText::of);
    private final ObservableList<ConfigValue> all = FXCollections.observableArrayList();
    private final FilteredList<ConfigValue> shown = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty overriddenOnly = new SimpleBooleanProperty(false);
    private final ObjectProperty<ConfigTarget> target = new SimpleObjectProperty<>();
    private final ObjectProperty<ConfigValue> selected = new SimpleObjectProperty<>();
    private final StringProperty newValue = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ChangePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper applyEnabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private Map<String, String> pending;

    public ConfigEditorViewModel(ConsoleContext context) {
        this.context = context;
        filter.addListener(o -> refilter());
        overriddenOnly.addListener(o -> refilter());
        target.addListener((o, was, now) -> load());
        selected.addListener((o, was, now) -> {
            if (was == null || now == null || !was.name().equals(now.name())) {
                newValue.set(now == null || now.value() == null || now.sensitive() ? "" : now.value());
                clearPreview();
            }
        });
        newValue.addListener(o -> clearPreview());
        page.busyProperty().addListener(o -> updateApplyEnabled());
    }

    public ObservableList<ConfigValue> configs() {
        return shown;
    }

    /** Name, value or source containing this text. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Only values that are not the built-in default. */
    public BooleanProperty overriddenOnlyProperty() {
        return overriddenOnly;
    }

    public ObjectProperty<ConfigTarget> targetProperty() {
        return target;
    }

    public ObjectProperty<ConfigValue> selectedProperty() {
        return selected;
    }

    public StringProperty newValueProperty() {
        return newValue;
    }

    public ReadOnlyObjectProperty<ChangePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyEnabledProperty() {
        return applyEnabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return page.busyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return page.errorProperty();
    }

    /** e.g. "212 configs of broker 1 · 9 not default". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the last apply did. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Reads the target's configs again (keeps the selection by name). */
    public void load() {
        ConfigTarget t = target.get();
        Optional<KafkaSettings> kafka = context.kafka();
        clearPreview();
        if (t == null || kafka.isEmpty()) {
            all.clear();
            summary.set(kafka.isEmpty() ? UserText.NO_KAFKA : "");
            return;
        }
        page.run(context.tasks(), "read configs", () -> t.read(service.get(kafka.get())), list -> {
            if (!t.equals(target.get())) {
                return;
            }
            String keep = selected.get() == null ? null : selected.get().name();
            all.setAll(list);
            long overridden = list.stream().filter(c -> !c.isDefault()).count();
            summary.set(Human.plural(list.size(), "config") + " of " + t.describe() + " · " + overridden + " not default");
            selected.set(keep == null ? null : list.stream().filter(c -> c.name().equals(keep)).findFirst().orElse(null));
        });
    }

    public void previewChange() {
        ConfigTarget t = target.get();
        ConfigValue c = selected.get();
        if (t == null || c == null) {
            preview.set(ChangePreview.blocked("Change a configuration", "select a configuration in the list first"));
            return;
        }
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            preview.set(ChangePreview.blocked("Change a configuration", UserText.NO_KAFKA));
            return;
        }
        Map<String, String> changes = new HashMap<>();
        changes.put(c.name(), newValue.get() == null ? "" : newValue.get());
        result.set("");
        page.run(context.tasks(), "preview config", () -> t.preview(service.get(kafka.get()), changes), p -> {
            preview.set(p);
            pending = p.allowed() ? changes : null;
            updateApplyEnabled();
        });
    }

    public void apply() {
        ConfigTarget t = target.get();
        Map<String, String> changes = pending;
        Optional<KafkaSettings> kafka = context.kafka();
        if (t == null || changes == null || kafka.isEmpty()) {
            return;
        }
        page.run(context.tasks(), "change config", () -> {
            t.apply(service.get(kafka.get()), changes);
            return null;
        }, nothing -> {
            String name = changes.keySet().iterator().next();
            String value = changes.get(name);
            result.set("changed " + name + " of " + t.describe() + (value == null || value.isBlank()
                    ? ": override removed" : " to " + value));
            clearPreview();
            load();
        });
    }

    public void clearPreview() {
        preview.set(null);
        pending = null;
        updateApplyEnabled();
    }

    private void updateApplyEnabled() {
        applyEnabled.set(pending != null && !page.isBusy());
    }

    private void refilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        boolean onlyOverridden = overriddenOnly.get();
        shown.setPredicate(c -> (!onlyOverridden || !c.isDefault()) && (f.isEmpty()
                || (c.name() + " " + c.value() + " " + c.source()).toLowerCase(Locale.ROOT).contains(f)));
    }

    @Override
    public void close() {
        service.close();
    }
}
